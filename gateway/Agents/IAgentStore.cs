using Smp.Gateway.Jose;

namespace Smp.Gateway.Agents;

/// <summary>Enrolled agents and revoked tokens: what every node must agree on.</summary>
internal interface IAgentStore
{
    ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken);

    Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, CancellationToken cancellationToken);

    /// <summary>Sets an agent's status; false when the agent is not enrolled.</summary>
    Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken);

    ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken);

    /// <summary>Revokes one token until <paramref name="expiresAt"/> (Unix seconds), after which it is dead anyway.</summary>
    Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken);
}
