namespace Smp.AgentSim.Cluster;

/// <summary>What the fault schedule does to the cluster.</summary>
internal enum FaultKind
{
    /// <summary>A node SIGKILLed and started again.</summary>
    NodeKilled,

    /// <summary>Some agents revoked with <c>gateway agents revoke</c>, the admin CLI on the same Redis.</summary>
    AgentsRevoked,

    /// <summary>Redis frozen (SIGSTOP) for a few seconds, then thawed (SIGCONT).</summary>
    RedisStalled,

    /// <summary>Redis stopped (SIGTERM, its append-only file written out; SIGKILL with <c>--redis-kill</c>) and started again.</summary>
    RedisRestarted,

    /// <summary>A Site registered at the Issuer nodes and started, and a share of the fleet moved to it (<c>--hierarchy</c>).</summary>
    SiteAdded,
}
