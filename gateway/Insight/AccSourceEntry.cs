namespace Smp.Gateway.Insight;

/// <summary>One ACC source's use in memory: the counts per day not yet flushed, and when it was last seen.</summary>
internal sealed class AccSourceEntry
{
    public Dictionary<long, long> PendingByDay { get; } = [];
    public long LastSeen { get; set; }
}
