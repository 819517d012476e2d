using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's tokens (§10): from the cache when it holds one for that agent and uid (or a refusal still
/// in force), otherwise from the Issuer through the batcher, waiting at most <c>HelloTimeout</c> for it.
/// </summary>
internal sealed class SiteTokenSource(
    SiteTokenCache cache,
    ClientTokenBatcher batcher,
    IssuanceLimiter limiter,
    SiteMetrics metrics,
    IssuerHealth health,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IAgentTokenSource
{
    private static readonly TokenGrant Unavailable = TokenGrant.Refused(503, SiteError.IssuerUnavailable);
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenCache);

    public async ValueTask<TokenGrant> GetAsync(string agentId, string uid, Agent? known, string source, CancellationToken cancellationToken)
    {
        if (known is { IsActive: false })
        {
            return TokenGrant.Refused(403, NsError.AgentRevoked);
        }

        if (cache.TryAnswer(agentId, uid) is { } cached)
        {
            if (cached.Token is not null)
            {
                metrics.CacheHit();
            }

            GatewayLog.CacheAnswered(_logger, agentId, cached.Error ?? "token");
            return cached;
        }

        // A token the cache lacks costs the Issuer a signature: the same limits as at the Issuer.
        if (!limiter.TryIssue(source, agentId, out var retryAfter))
        {
            return TokenGrant.RateLimited(retryAfter);
        }

        GatewayLog.CacheMissed(_logger, agentId);

        // The hello's wait is bounded, not the call: it goes on (retries included) in the background, and
        // the token it brings is cached for this agent and uid. While the Issuer is known not to
        // answer, the hello does not wait at all: it would only hold the agent's connection.
        bool answering = health.Reachable;
        var wait = answering ? options.CurrentValue.Site.HelloTimeout : TimeSpan.Zero;
        try
        {
            return await batcher.GetAsync(agentId, uid).WaitAsync(wait, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            string why = answering ? "no answer within Gateway:Site:HelloTimeout" : "the Issuer's last call got no answer";
            GatewayLog.HelloNotWaited(_logger, agentId, why);
            if (answering)
            {
                health.Failed(why);
            }

            return Unavailable;
        }
    }
}
