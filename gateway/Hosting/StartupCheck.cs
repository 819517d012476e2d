using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Smp.Gateway.Keys;
using Smp.Gateway.Replay;
using Smp.Gateway.State;

namespace Smp.Gateway.Hosting;

/// <summary>
/// Runs before Kestrel listens: loads the signing key, connects to the shared store if one is configured (so an
/// unreachable or evicting Redis stops the start), and opens the stores (<see cref="IStoreInitialization"/>: the
/// embedded file's tables, the revocations), so a bad key file or data folder stops the start instead of the
/// first request; then waits for the registry's epoch.
/// </summary>
internal sealed class StartupCheck(IServiceProvider services, IEnumerable<IStoreInitialization> stores, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ServerKeyRing>();
        if (services.GetService<RedisConnection>() is { } redis)
        {
            await redis.ConnectAsync(cancellationToken);
            await services.GetRequiredService<RedisEpoch>().RefreshAsync();
        }

        foreach (var store in stores)
        {
            await store.InitializeAsync(cancellationToken);
        }

        // Tokens issued from now on must be newer than any an earlier process issued (§9): with
        // whole-second times, that means serving only from the registry's first whole second.
        var registry = services.GetRequiredService<IReplayRegistry>();
        var epoch = DateTimeOffset.FromUnixTimeSeconds(registry.EpochStart);
        var wait = epoch - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
