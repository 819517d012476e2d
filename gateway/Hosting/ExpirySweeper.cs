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
    ILogger<ExpirySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            int entries = registry is MemoryReplayRegistry memory ? memory.Sweep() : 0;
            GatewayLog.Swept(logger, entries, issued.Sweep(), verified.Sweep());
        }
    }
}
