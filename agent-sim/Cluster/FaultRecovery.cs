namespace Smp.AgentSim.Cluster;

/// <summary>
/// How throughput came back after one fault: its level (accepted requests per second over the
/// <see cref="LevelWindow"/> before the fault), and the seconds from the fault's end until a whole second reached
/// <see cref="Fraction"/> of it again; null when it did not before the run ended.
/// </summary>
internal sealed record FaultRecovery(FaultWindow Fault, double Level, double? SecondsBack)
{
    public const double Fraction = 0.7;
    public static readonly TimeSpan LevelWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public bool Recovered => SecondsBack is { } s && s <= Bound.TotalSeconds;

    /// <param name="perSecond">Accepted requests in each whole second of the load.</param>
    public static FaultRecovery Of(FaultWindow fault, IReadOnlyList<long> perSecond)
    {
        int start = (int)fault.Start.TotalSeconds;
        int from = Math.Max(0, start - (int)LevelWindow.TotalSeconds);
        double level = start > from ? perSecond.Skip(from).Take(start - from).Average() : 0;
        // The second the fault ended in may be partly down: look from the next whole second.
        for (int second = (int)Math.Ceiling(fault.End.TotalSeconds); second < perSecond.Count; second++)
        {
            if (perSecond[second] >= level * Fraction)
            {
                return new FaultRecovery(fault, level, Math.Max(0, second + 1 - fault.End.TotalSeconds));
            }
        }

        return new FaultRecovery(fault, level, null);
    }
}
