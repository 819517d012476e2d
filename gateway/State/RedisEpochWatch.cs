using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.State;

/// <summary>
/// Reads the shared registry's epoch every second, so a node learns within a second that Redis lost its data
/// (and refuses older tokens at step 4); the replay check compares the epoch too, so nothing slips through in
/// between. A Redis that does not answer is the replay check's business: this loop just tries again.
/// </summary>
internal sealed class RedisEpochWatch(RedisEpoch epoch, TimeProvider time, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.State);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            long before = epoch.Current;
            if (before == 0)
            {
                // Not connected yet: the start reads the epoch first (StartupCheck), and fails if it cannot.
                continue;
            }

            try
            {
                if (await epoch.RefreshAsync())
                {
                    GatewayLog.StateEpochMoved(_logger, before, epoch.Current);
                }
            }
            catch (Exception e) when (RedisConnection.IsFailure(e))
            {
            }
        }
    }
}
