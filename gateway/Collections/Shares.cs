using System.Collections.Concurrent;

namespace Smp.Gateway.Collections;

/// <summary>
/// Live things (registry entries, cached tokens) counted per owner, an agent key or a client address,
/// against a limit: one owner fills its own share and never the room the others need. Counters of
/// owners that hold nothing are forgotten by <see cref="Trim"/>.
/// </summary>
internal sealed class Shares
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes one place for <paramref name="owner"/>: false when its share is full. An empty owner is not
    /// counted (<paramref name="counter"/> is null), and always has room.
    /// </summary>
    public bool TryTake(string owner, int limit, out Counter? counter)
    {
        counter = null;
        if (string.IsNullOrEmpty(owner))
        {
            return true;
        }

        var taken = _counters.GetOrAdd(owner, _ => new Counter());
        if (Interlocked.Increment(ref taken.Count) > limit)
        {
            Interlocked.Decrement(ref taken.Count);
            return false;
        }

        counter = taken;
        return true;
    }

    /// <summary>Gives back a place taken by <see cref="TryTake"/>.</summary>
    public static void Release(Counter? counter)
    {
        if (counter is not null)
        {
            Interlocked.Decrement(ref counter.Count);
        }
    }

    /// <summary>Forgets the owners that hold nothing; a place taken meanwhile may go uncounted once, never refused.</summary>
    public void Trim()
    {
        foreach (var entry in _counters)
        {
            if (Volatile.Read(ref entry.Value.Count) == 0)
            {
                _counters.TryRemove(entry);
            }
        }
    }

    /// <summary>One owner's count; kept by each thing counted, so that it is given back where it was taken.</summary>
    internal sealed class Counter
    {
        public int Count;
    }
}
