using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Expiry;

namespace Smp.Gateway.Hosting;

/// <summary>
/// Drops, once a minute, the entries whose tokens have expired from every store that registered itself as
/// <see cref="ISweepable"/>. A Redis registry is not among them: its entries expire in Redis itself (at the
/// token's exp plus the skew).
/// </summary>
internal sealed class ExpirySweeper(IEnumerable<ISweepable> stores, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenRegistry);
    private readonly ISweepable[] _stores = stores.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var store in _stores)
            {
                int removed = store.Sweep();
                GatewayLog.Swept(_logger, removed, store.SweptName, store.Count);
            }
        }
    }
}
