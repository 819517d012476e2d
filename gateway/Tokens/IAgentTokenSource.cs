using Smp.Gateway.Agents;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Where a hello's token comes from: the Issuer signs it itself; a Site takes it from its cache or
/// fetches it from the Issuer (§10). Both refuse unknown (401) and revoked (403) agents, and a new
/// token over the rate limits (429).
/// </summary>
internal interface IAgentTokenSource
{
    /// <param name="known">The agent when the caller already found it, so it is not looked up again.</param>
    /// <param name="source">The client's address, for the rate limits on new tokens (<c>Gateway:RateLimits</c>).</param>
    ValueTask<TokenGrant> GetAsync(string agentId, string uid, Agent? known, string source, CancellationToken cancellationToken);
}
