using Smp.Gateway.Agents;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// A read-only agent lookup: the world's agents and revoked tokens, answered synchronously so that a
/// validation completes within one fuzz execution. Enrollment and status changes are not fuzzed here.
/// </summary>
internal sealed class FuzzAgentStore(IReadOnlyDictionary<string, Agent> agents, IReadOnlySet<string> revokedTokens) : IAgentLookup
{
    public ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(agents.GetValueOrDefault(agentId));

    public ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken) =>
        ValueTask.FromResult(revokedTokens.Contains(jti));
}
