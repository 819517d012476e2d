using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.RateLimiting;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Hellos naming agents the store does not know, per client address
/// (<c>Gateway:RateLimits:UnknownAgentHellosPerSourcePerMinute</c>): each costs a store query and
/// issues nothing, so the issuance limits never count them. Only the unknown answers spend the
/// address's allowance; once it is spent, every hello from that address is refused (429
/// <c>rate-limited</c>) without a query until it refills. Known agents' hellos cost nothing here.
/// </summary>
internal sealed class UnknownAgentHelloLimit : IAgentTokenSource, IDisposable
{
    private readonly IAgentTokenSource _inner;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly ILogger _logger;
    private readonly PartitionedRateLimiter<string> _unknown;

    public UnknownAgentHelloLimit(IAgentTokenSource inner, IOptionsMonitor<GatewayOptions> options, ILoggerFactory loggers)
    {
        _inner = inner;
        _options = options;
        _logger = loggers.CreateLogger(LogCategories.Token);
        _unknown = IssuanceLimiter.Create(() => PerMinute);
    }

    private int PerMinute => _options.CurrentValue.RateLimits.UnknownAgentHellosPerSourcePerMinute;

    public async ValueTask<TokenGrant> GetAsync(string agentId, string uid, Agent? known, string source, CancellationToken cancellationToken)
    {
        // A caller that found the agent (a refused proof's fresh token) asks no question of the store.
        if (known is not null)
        {
            return await _inner.GetAsync(agentId, uid, known, source, cancellationToken);
        }

        if (_unknown.GetStatistics(source)?.CurrentAvailablePermits <= 0)
        {
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(60.0 / Math.Max(1, PerMinute))));
            GatewayLog.UnknownAgentHellosLimited(_logger, source, PerMinute);
            return TokenGrant.RateLimited(retryAfter);
        }

        var grant = await _inner.GetAsync(agentId, uid, known, source, cancellationToken);
        if (grant.Error == NsError.AgentUnknown)
        {
            _unknown.AttemptAcquire(source).Dispose();
        }

        return grant;
    }

    public void Dispose() => _unknown.Dispose();
}
