using Smp.Gateway.Agents;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// A read-only agent store: the world's agents and revoked tokens, answered synchronously so that a
/// validation completes within one fuzz execution. Enrollment and status changes are not fuzzed here.
/// </summary>
internal sealed class FuzzAgentStore(IReadOnlyDictionary<string, Agent> agents, IReadOnlySet<string> revokedTokens) : IAgentStore
{
    public ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(agents.GetValueOrDefault(agentId));

    public Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fuzz world is read-only.");

    public Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fuzz world is read-only.");

    public Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fuzz world is read-only.");

    public Task<bool> ReplaceKeyAsync(string agentId, RsaJwk key, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fuzz world is read-only.");

    public ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken) =>
        ValueTask.FromResult(revokedTokens.Contains(jti));

    public Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fuzz world is read-only.");
}
