using Smp.AgentSim.Load;

namespace Smp.AgentSim.Soak;

/// <summary>A soak's load summary, its resource samples, and the verdict on them.</summary>
internal sealed record SoakResult(LoadSummary Load, IReadOnlyList<ResourceSample> Samples, SoakVerdict Verdict)
{
    /// <summary>Flat memory and every scenario as the protocol prescribes.</summary>
    public bool Passed => Verdict.Flat && Load.AllAsExpected;
}
