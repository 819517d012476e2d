using Smp.Gateway.Agents;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Tokens;

/// <summary>The Issuer's tokens: the agent from the store, the token from <see cref="TokenIssuer"/>.</summary>
internal sealed class LocalTokenSource(IAgentLookup agents, TokenIssuer issuer) : IAgentTokenSource
{
    public async ValueTask<TokenGrant> GetAsync(string agentId, string uid, Agent? known, string source, CancellationToken cancellationToken)
    {
        var agent = known ?? await agents.FindAsync(agentId, cancellationToken);
        if (agent is null)
        {
            return TokenGrant.Refused(401, NsError.AgentUnknown);
        }

        if (agent.RefusalCode is { } refusal)
        {
            return TokenGrant.Refused(403, refusal);
        }

        var token = issuer.GetOrIssue(agent, uid, source, out var retryAfter);
        return token is null ? TokenGrant.RateLimited(retryAfter) : TokenGrant.Issued(token.Text);
    }
}
