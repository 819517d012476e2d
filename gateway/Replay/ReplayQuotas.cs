using System.Collections.Concurrent;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Replay;

/// <summary>
/// Live entries of the embedded registry per agent key and per client address
/// (<c>Gateway:Replay:MaxEntriesPerKey</c>, <c>MaxEntriesPerSource</c>): one client that enrolls many ids,
/// or spends one proof per token, fills its own share and never the room everyone else's new tokens need.
/// </summary>
internal sealed class ReplayQuotas
{
    private readonly ConcurrentDictionary<string, Counter> _perKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _perSource = new(StringComparer.Ordinal);

    /// <summary>Takes one place for <paramref name="owner"/>; false, with the configuration key of the full quota, when one is full.</summary>
    public bool TryTake(ReplayOwner owner, ReplayOptions options, out Lease lease, out string? fullQuota)
    {
        lease = default;
        fullQuota = null;
        var key = Take(_perKey, owner.Jkt, options.MaxEntriesPerKey);
        if (key is { Full: true })
        {
            fullQuota = "Gateway:Replay:MaxEntriesPerKey";
            return false;
        }

        var source = Take(_perSource, owner.Source, options.MaxEntriesPerSource);
        if (source is { Full: true })
        {
            Release(key?.Counter);
            fullQuota = "Gateway:Replay:MaxEntriesPerSource";
            return false;
        }

        lease = new Lease(key?.Counter, source?.Counter);
        return true;
    }

    /// <summary>Gives back the places of an entry that is dropped (or was never stored).</summary>
    public static void Release(Lease lease)
    {
        Release(lease.Key);
        Release(lease.Source);
    }

    /// <summary>Forgets the keys and addresses that hold nothing; a place taken meanwhile may go uncounted once, never refused.</summary>
    public void Trim()
    {
        foreach (var counters in new[] { _perKey, _perSource })
        {
            foreach (var entry in counters)
            {
                if (Volatile.Read(ref entry.Value.Count) == 0)
                {
                    counters.TryRemove(entry);
                }
            }
        }
    }

    private static (Counter Counter, bool Full)? Take(ConcurrentDictionary<string, Counter> counters, string owner, int limit)
    {
        if (string.IsNullOrEmpty(owner))
        {
            return null;
        }

        var counter = counters.GetOrAdd(owner, _ => new Counter());
        if (Interlocked.Increment(ref counter.Count) <= limit)
        {
            return (counter, false);
        }

        Interlocked.Decrement(ref counter.Count);
        return (counter, true);
    }

    private static void Release(Counter? counter)
    {
        if (counter is not null)
        {
            Interlocked.Decrement(ref counter.Count);
        }
    }

    /// <summary>The places one entry holds, kept with it until it is dropped.</summary>
    internal readonly record struct Lease(Counter? Key, Counter? Source);

    internal sealed class Counter
    {
        public int Count;
    }
}
