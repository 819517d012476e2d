namespace Smp.AgentSim.Load;

/// <summary>A run interval by interval, for charts: consecutive points from the start, gaps included.</summary>
internal sealed record LoadTimeline(DateTimeOffset StartedAt, TimeSpan Interval, IReadOnlyList<TimelinePoint> Points)
{
    public static LoadTimeline Empty { get; } = new(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), []);
}
