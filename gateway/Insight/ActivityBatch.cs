namespace Smp.Gateway.Insight;

/// <summary>What the recorder gathered since its last flush, written to the store in one go.</summary>
internal sealed record ActivityBatch(IReadOnlyList<AgentActivity> Agents, IReadOnlyList<AccSourceDay> AccSources, IReadOnlyList<MethodDay> Methods)
{
    public bool IsEmpty => Agents.Count == 0 && AccSources.Count == 0 && Methods.Count == 0;
}
