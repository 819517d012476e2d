namespace Smp.AgentSim.Load;

/// <summary>
/// What happened in one interval of a run: requests that ended in it, their latency and their
/// outcomes. <paramref name="OtherOutcomes"/> counts the requests whose outcome did not fit the
/// interval's bounded list (a server inventing codes).
/// </summary>
internal sealed record TimelinePoint(
    TimeSpan Start,
    TimeSpan Width,
    long Requests,
    LatencySummary Latency,
    IReadOnlyList<OutcomeCount> Outcomes,
    long OtherOutcomes)
{
    public TimeSpan End => Start + Width;

    public double RequestsPerSecond => Width > TimeSpan.Zero ? Requests / Width.TotalSeconds : 0;
}
