using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Replay;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Hosting;

/// <summary>Drops, once a minute, the registry entries and cached tokens whose tokens have expired.</summary>
internal sealed class ExpirySweeper(
    IReplayRegistry registry,
    IssuedTokenCache issued,
    VerifiedSignatureCache verified,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenRegistry);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A Redis registry's entries expire in Redis itself (at the token's exp plus the skew).
            var memory = registry as MemoryReplayRegistry;
            int removed = memory?.Sweep() ?? 0;
            GatewayLog.Swept(_logger, removed, memory?.Count ?? 0, issued.Sweep(), verified.Sweep());
        }
    }
}
