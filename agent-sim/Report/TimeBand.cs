namespace Smp.AgentSim.Report;

/// <summary>A stretch of the run drawn as a shaded band behind the time charts, e.g. a fault of <c>agent-sim cluster</c>.</summary>
internal sealed record TimeBand(TimeSpan From, TimeSpan To, string Label);
