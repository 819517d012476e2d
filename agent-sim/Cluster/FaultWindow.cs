namespace Smp.AgentSim.Cluster;

/// <summary>
/// One fault as it happened: from its first act to the moment the runner saw it repaired (the node answering
/// <c>/healthz</c>, Redis thawed or answering PING again), on the load's clock.
/// </summary>
internal sealed record FaultWindow(FaultKind Kind, string Label, TimeSpan Start, TimeSpan End)
{
    /// <summary>Errors this long after <see cref="End"/> still belong to the fault: connections and Redis clients coming back.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>Whether the fault should disturb the load: a revocation is an administrator's act, not a failure.</summary>
    public bool IsDisruptive => Kind != FaultKind.AgentsRevoked;

    public bool Covers(TimeSpan at) => IsDisruptive && at >= Start && at <= End + Grace;
}
