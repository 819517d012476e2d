namespace Smp.AgentSim.Bench;

/// <summary>What each request of a measurement carries in <c>Authorization</c>.</summary>
internal enum BenchAuth
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A proof on the first request of each connection, nothing after it (PROTOCOL.md §7, "Connection").</summary>
    FirstPerConnection,

    /// <summary>A proof never used before on every request.</summary>
    EveryRequest,

    /// <summary>The same proofs bytes on every request, reused in a loop: for a target that does not check them.</summary>
    EveryRequestReused,
}
