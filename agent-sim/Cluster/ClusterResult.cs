using Smp.AgentSim.Load;

namespace Smp.AgentSim.Cluster;

/// <summary>Everything a cluster run measured; <see cref="Verdict"/> judges it.</summary>
internal sealed record ClusterResult
{
    public required LoadSummary Load { get; init; }

    /// <summary>The Issuer nodes behind nginx (a Site added with <c>--hierarchy</c> is not one of them).</summary>
    public required int Nodes { get; init; }

    public required IReadOnlyList<FaultWindow> Faults { get; init; }

    public required IReadOnlyList<FaultRecovery> Recoveries { get; init; }

    /// <summary>Failed attempts inside a fault window (with its grace) and outside any.</summary>
    public required long ErrorsInFaults { get; init; }

    public required long ErrorsOutside { get; init; }

    /// <summary>Up to five failed attempts outside every fault window: what went wrong, at what second.</summary>
    public required IReadOnlyList<string> ErrorsOutsideSamples { get; init; }

    /// <summary>Proofs the legacy servers saw (the Site's too), and those one saw twice (each one accepted twice by the gateways).</summary>
    public required long Proofs { get; init; }

    public required long Doubles { get; init; }

    public IReadOnlyList<string> DoubleSamples { get; init; } = [];

    /// <summary>Token calls that reached the legacy server without a proof id: doubles among them would go unseen.</summary>
    public required long WithoutProofId { get; init; }

    public required int Revoked { get; init; }

    /// <summary>Revoked agents served after their revocation: seen by the agents, and by the legacy server.</summary>
    public required long RevokedServed { get; init; }

    public required long RevokedServedAtLegacy { get; init; }

    public required long RevokedRefused { get; init; }

    public required long GaveUp { get; init; }

    public required IReadOnlyList<NodeMemory> Memory { get; init; }

    /// <summary>With <c>--hierarchy</c>: calls of the agents moved to the Site it served (agent side), and the proofs its legacy server saw.</summary>
    public long SiteServed { get; init; }

    public long SiteProofs { get; init; }

    public ClusterVerdict Verdict => ClusterVerdict.Of(this);
}
