using Smp.Gateway.Jose;

namespace Smp.Gateway.Agents;

/// <summary>Enrolled agents and revoked tokens: what every node must agree on.</summary>
internal interface IAgentStore
{
    ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken);

    Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, CancellationToken cancellationToken);

    /// <summary>Sets an agent's status; false when the agent is not enrolled.</summary>
    Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken);

    /// <summary>Every enrolled agent, ordered by id: for <c>gateway agents list</c>.</summary>
    Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an agent's key; tokens bound to the old key are refused from then on (403 <c>key-mismatch</c>).
    /// False when the agent is not enrolled.
    /// </summary>
    Task<bool> ReplaceKeyAsync(string agentId, RsaJwk key, CancellationToken cancellationToken);

    ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken);

    /// <summary>Revokes one token until <paramref name="expiresAt"/> (Unix seconds), after which it is dead anyway.</summary>
    Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken);
}
