using Smp.Gateway.Agents;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Where a hello's token comes from: the Issuer signs it itself; a Site takes it from its cache or
/// fetches it from the Issuer (§10). Both refuse unknown (401) and revoked (403) agents.
/// </summary>
internal interface IAgentTokenSource
{
    /// <param name="known">The agent when the caller already found it, so it is not looked up again.</param>
    ValueTask<TokenGrant> GetAsync(string agentId, string uid, Agent? known, CancellationToken cancellationToken);
}
