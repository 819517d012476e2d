using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// The periodic pass over the cache (§10): drops expired tokens, then renews those that expire within
/// <c>RenewBefore</c> and were asked for again, at most 4096 a pass, 128 a call, one call after the
/// other (a pass is background work: it leaves the concurrent calls to hellos).
/// </summary>
internal sealed class TokenRenewal(SiteTokenCache cache, ClientTokenFetcher fetcher, IOptionsMonitor<GatewayOptions> options, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenCache);

    /// <summary>The pass period: configured, or by the tokens' lifetime as §10 gives it (5 minutes before any is known).</summary>
    public TimeSpan Period
    {
        get
        {
            var lifetime = cache.ObservedLifetime;
            return options.CurrentValue.Site.RefreshPeriod
                ?? (lifetime <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(5) : lifetime <= TimeSpan.FromHours(8) ? TimeSpan.FromMinutes(10) : TimeSpan.FromMinutes(30));
        }
    }

    public async Task RunPassAsync(CancellationToken cancellationToken)
    {
        int removed = cache.Sweep();
        var due = cache.DueForRenewal(options.CurrentValue.Site.RenewBefore, SiteOptions.MaxPerPass);
        int renewed = 0;
        foreach (var chunk in due.Chunk(SiteOptions.MaxBatch))
        {
            var grants = await fetcher.FetchAsync(chunk, cancellationToken);
            renewed += grants.Values.Count(g => g.Token is not null);
        }

        GatewayLog.TokenRenewalPass(_logger, removed, due.Count, renewed);
    }
}
