using System.Diagnostics.CodeAnalysis;
using Smp.Gateway.Collections;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Replay;

/// <summary>
/// Live entries of the embedded registry per agent key and per client address
/// (<c>Gateway:Replay:MaxEntriesPerKey</c>, <c>MaxEntriesPerSource</c>): one client that enrolls many ids,
/// or spends one proof per token, fills its own share and never the room everyone else's new tokens need.
/// </summary>
internal sealed class ReplayQuotas
{
    private readonly Shares _perKey = new();
    private readonly Shares _perSource = new();

    /// <summary>Takes one place for <paramref name="owner"/>; false, with the configuration key of the full quota, when one is full.</summary>
    public bool TryTake(ReplayOwner owner, ReplayOptions options, out Lease lease, [NotNullWhen(false)] out string? fullQuota)
    {
        lease = default;
        fullQuota = null;
        if (!_perKey.TryTake(owner.Jkt, options.MaxEntriesPerKey, out var key))
        {
            fullQuota = "Gateway:Replay:MaxEntriesPerKey";
            return false;
        }

        if (!_perSource.TryTake(owner.Source, options.MaxEntriesPerSource, out var source))
        {
            Shares.Release(key);
            fullQuota = "Gateway:Replay:MaxEntriesPerSource";
            return false;
        }

        lease = new Lease(key, source);
        return true;
    }

    /// <summary>Gives back the places of an entry that is dropped (or was never stored).</summary>
    public static void Release(Lease lease)
    {
        Shares.Release(lease.Key);
        Shares.Release(lease.Source);
    }

    public void Trim()
    {
        _perKey.Trim();
        _perSource.Trim();
    }

    /// <summary>The places one entry holds, kept with it until it is dropped.</summary>
    internal readonly record struct Lease(Shares.Counter? Key, Shares.Counter? Source);
}
