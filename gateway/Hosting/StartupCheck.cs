using Microsoft.Extensions.Hosting;
using Smp.Gateway.Agents;
using Smp.Gateway.Keys;
using Smp.Gateway.Replay;
using Smp.Gateway.State;

namespace Smp.Gateway.Hosting;

/// <summary>
/// Runs before Kestrel listens. Taking the key ring and the agent lookup loads the signing key and opens the
/// agent store, so a bad key file or data folder stops the start instead of the first request; then it connects
/// to the shared store, if one is configured (<paramref name="redis"/> is registered only then), so an
/// unreachable or evicting Redis stops it too; then it waits for the registry's epoch.
/// </summary>
internal sealed class StartupCheck(
    ServerKeyRing keys, IAgentLookup agents, IReplayRegistry registry, TimeProvider time, RedisConnection? redis = null, RedisEpoch? epoch = null)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = (keys, agents);
        if (redis is not null)
        {
            await redis.ConnectAsync(cancellationToken);
            await epoch!.RefreshAsync();
        }

        // Tokens issued from now on must be newer than any an earlier process issued (§9): with
        // whole-second times, that means serving only from the registry's first whole second.
        var start = DateTimeOffset.FromUnixTimeSeconds(registry.EpochStart);
        var wait = start - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
