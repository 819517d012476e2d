namespace Smp.Gateway.Agents;

/// <summary>
/// What an administrator changes at any node: an agent's status and a token's revocation. At a Site these hold
/// at that Site only, until its Issuer says otherwise (§10).
/// </summary>
internal interface IAgentControl
{
    /// <summary>Sets an agent's status; false when the agent is not enrolled.</summary>
    Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken);

    /// <summary>Revokes one token until <paramref name="expiresAt"/> (Unix seconds), after which it is dead anyway.</summary>
    Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken);
}
