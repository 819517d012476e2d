using System.Collections.Concurrent;
using Smp.Gateway.Agents;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Sites;

/// <summary>
/// The agents as a Site knows them: from its token cache, where each token the Issuer sent came with the
/// agent's key (§10). Agents enroll at the Issuer, never here. Tokens an administrator revokes at this
/// Site are refused here only.
/// </summary>
internal sealed class SiteAgentStore(SiteTokenCache cache, TimeProvider time) : IAgentStore
{
    private readonly ConcurrentDictionary<string, long> _revokedTokens = new(StringComparer.Ordinal);

    public ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken) => ValueTask.FromResult(cache.FindAgent(agentId));

    public Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Agents enroll at the Issuer; a Site (Gateway:Role Site) holds no agent store.");

    public Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken) =>
        Task.FromResult(cache.SetStatus(agentId, status));

    public Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Agents are listed at the Issuer; a Site (Gateway:Role Site) holds no agent store.");

    public Task<bool> ReplaceKeyAsync(string agentId, RsaJwk key, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Agent keys are replaced at the Issuer; a Site (Gateway:Role Site) holds no agent store.");

    public ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_revokedTokens.TryGetValue(jti, out long until) && until > time.GetUtcNow().ToUnixTimeSeconds());

    public Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken)
    {
        _revokedTokens[jti] = expiresAt;
        return Task.CompletedTask;
    }
}
