namespace Smp.AgentSim.Load;

/// <summary>The width of a timeline's intervals: fine for short runs, at most about 300 points for long ones.</summary>
internal static class TimelineInterval
{
    private const int TargetPoints = 300;

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500),
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
    ];

    /// <summary>The smallest step that keeps a run of <paramref name="duration"/> within the target.</summary>
    public static TimeSpan For(TimeSpan duration)
    {
        foreach (TimeSpan step in Steps)
        {
            if (duration.Ticks / step.Ticks <= TargetPoints)
            {
                return step;
            }
        }

        return Steps[^1];
    }
}
