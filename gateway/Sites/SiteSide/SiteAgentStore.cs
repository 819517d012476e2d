using System.Collections.Concurrent;
using Smp.Gateway.Agents;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// The agents as a Site knows them: from its token cache, where each token the Issuer sent came with the
/// agent's key (§10). Agents enroll, are listed and have their keys replaced at the Issuer, never here, so this
/// holds no directory. Tokens an administrator revokes at this Site are refused here only.
/// </summary>
internal sealed class SiteAgentStore(SiteTokenCache cache, TimeProvider time) : IAgentLookup, IAgentControl
{
    private readonly ConcurrentDictionary<string, long> _revokedTokens = new(StringComparer.Ordinal);

    public ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken) => ValueTask.FromResult(cache.FindAgent(agentId));

    public Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken) =>
        Task.FromResult(cache.SetStatus(agentId, status));

    public ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_revokedTokens.TryGetValue(jti, out long until) && until > time.GetUtcNow().ToUnixTimeSeconds());

    public Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken)
    {
        _revokedTokens[jti] = expiresAt;
        return Task.CompletedTask;
    }
}
