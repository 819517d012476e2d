using System.Collections.Concurrent;
using Smp.Gateway.Agents;
using Smp.Gateway.Expiry;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// The agents as a Site knows them: from its token cache, where each token the Issuer sent came with the
/// agent's key (§10). Agents enroll, are listed and have their keys replaced at the Issuer, never here, so this
/// holds no directory. Tokens an administrator revokes at this Site are refused here only, and remembered until
/// they expire: the expiry sweep drops them then.
/// </summary>
internal sealed class SiteAgentStore(SiteTokenCache cache, TimeProvider time) : IAgentLookup, IAgentControl, ISweepable
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

    public string SweptName => "Site's revoked tokens";

    public int Count => _revokedTokens.Count;

    public int Sweep()
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        int removed = 0;
        foreach (var revoked in _revokedTokens)
        {
            if (revoked.Value <= now && _revokedTokens.TryRemove(revoked))
            {
                removed++;
            }
        }

        return removed;
    }
}
