using Smp.Gateway.Agents;

namespace Smp.Gateway.Tokens;

/// <summary>The Issuer's tokens: the agent from the store, the token from <see cref="TokenIssuer"/>.</summary>
internal sealed class LocalTokenSource(IAgentStore agents, TokenIssuer issuer) : IAgentTokenSource
{
    public async ValueTask<TokenGrant> GetAsync(string agentId, string uid, Agent? known, CancellationToken cancellationToken)
    {
        var agent = known ?? await agents.FindAsync(agentId, cancellationToken);
        return agent is null ? TokenGrant.Refused(401, NsError.AgentUnknown)
            : !agent.IsActive ? TokenGrant.Refused(403, NsError.AgentRevoked)
            : TokenGrant.Issued(issuer.GetOrIssue(agent, uid).Text);
    }
}
