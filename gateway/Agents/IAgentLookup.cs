namespace Smp.Gateway.Agents;

/// <summary>
/// What the request path asks of the agents, on every proof: who an agent is, and whether a token was revoked.
/// Every node answers it: an Issuer from its agent store, a Site from what its Issuer sent (§10).
/// </summary>
internal interface IAgentLookup
{
    ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken);

    ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken);
}
