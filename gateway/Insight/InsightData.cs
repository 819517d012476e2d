using Smp.Gateway.Agents;

namespace Smp.Gateway.Insight;

/// <summary>What the reports are made of, read once: the time of reading (Unix seconds), the enrolled agents (none at a Site), and the activity.</summary>
internal sealed record InsightData(
    long Now, IReadOnlyList<AgentRecord> Agents, IReadOnlyList<AgentActivity> Activity, IReadOnlyList<AccSourceDay> AccSources, IReadOnlyList<MethodDay> Methods)
{
    public const long SecondsPerDay = 86_400;
}
