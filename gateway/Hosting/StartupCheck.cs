using Smp.Gateway.Agents;
using Smp.Gateway.Keys;
using Smp.Gateway.Replay;
using Smp.Gateway.State;

namespace Smp.Gateway.Hosting;

/// <summary>
/// Runs before Kestrel listens. Taking the key ring loads the signing key; then it connects to the shared store, if
/// one is configured (<paramref name="redis"/> is registered only then), so an unreachable or evicting Redis stops
/// the start; then it opens the stores (<see cref="IStoreInitialization"/>: the embedded file's tables, the
/// revocations), so a bad data folder stops the start instead of the first request; then it waits for the
/// registry's epoch.
/// </summary>
internal sealed class StartupCheck(
    ServerKeyRing keys, IAgentLookup agents, IReplayRegistry registry, IEnumerable<IStoreInitialization> stores, TimeProvider time,
    RedisConnection? redis = null, RedisEpoch? epoch = null)
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

        foreach (var store in stores)
        {
            await store.InitializeAsync(cancellationToken);
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
