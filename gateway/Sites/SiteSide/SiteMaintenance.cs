using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's periodic work, each on its own period: the Issuer's keys, the renewal pass, the revocation
/// check, and the probe while the Issuer does not answer. None blocks the start: a Site comes up while its
/// Issuer is down, and serves what it caches.
/// </summary>
internal sealed class SiteMaintenance(
    IssuerKeyFetcher keys,
    TokenRenewal renewal,
    RevocationCheck revocations,
    IssuerProbe probe,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenCache);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await keys.FetchAsync();
        await Task.WhenAll(
            EveryAsync(() => options.CurrentValue.Site.KeyRefreshPeriod, _ => keys.FetchAsync(), stoppingToken),
            EveryAsync(() => renewal.Period, renewal.RunPassAsync, stoppingToken),
            EveryAsync(() => options.CurrentValue.Site.RevocationCheckPeriod, revocations.RunAsync, stoppingToken),
            EveryAsync(() => options.CurrentValue.Site.IssuerProbePeriod, probe.RunAsync, stoppingToken));
    }

    private async Task EveryAsync(Func<TimeSpan> period, Func<CancellationToken, Task> job, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period(), time, stoppingToken);
                await job(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next period tries again; cached tokens keep working meanwhile.
                GatewayLog.IssuerUnavailable(_logger, e.Message);
            }
        }
    }
}
