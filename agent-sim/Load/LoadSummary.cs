namespace Smp.AgentSim.Load;

/// <summary>The outcome of a load run: throughput, latency, answers, and each scenario's verdict.</summary>
internal sealed record LoadSummary(
    int Agents,
    int Concurrency,
    TimeSpan Elapsed,
    long Requests,
    long RoundTrips,
    LatencySummary Latency,
    IReadOnlyList<OutcomeCount> Outcomes,
    IReadOnlyList<ScenarioSummary> Scenarios)
{
    /// <summary>The run interval by interval, for <c>--html</c>; empty unless a recorder filled it.</summary>
    public LoadTimeline Timeline { get; init; } = LoadTimeline.Empty;

    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>True when every scenario of the mix that could run did, and only as expected.</summary>
    public bool AllAsExpected => Requests > 0 && Scenarios.All(s => s.Passed);
}
