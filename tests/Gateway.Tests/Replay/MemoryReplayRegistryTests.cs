using Microsoft.Extensions.Time.Testing;
using Smp.Gateway.Configuration;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Replay;

public sealed class MemoryReplayRegistryTests
{
    private static (MemoryReplayRegistry Registry, FakeTimeProvider Time) Create(int maxEntries = 1000)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var options = new GatewayOptions { Replay = { MaxEntries = maxEntries } };
        var monitor = new StaticOptionsMonitor(options);
        return (new MemoryReplayRegistry(time, monitor), time);
    }

    [Fact]
    public async Task TryAccept_ConcurrentSameCounter_ExactlyOneAccepted()
    {
        var (registry, time) = Create();
        long keep = time.GetUtcNow().ToUnixTimeSeconds() + 60;
        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => registry.TryAcceptAsync("jti-1", 1, keep, default).AsTask())));
        Assert.Equal(1, decisions.Count(d => d == ReplayDecision.Accepted));
    }

    [Fact]
    public async Task TryAccept_ConcurrentDistinctCounters_AllAccepted()
    {
        var (registry, time) = Create();
        long keep = time.GetUtcNow().ToUnixTimeSeconds() + 60;
        var decisions = await Task.WhenAll(Enumerable.Range(1, 60).Select(c => Task.Run(() => registry.TryAcceptAsync("jti-2", c, keep, default).AsTask())));
        Assert.All(decisions, d => Assert.Equal(ReplayDecision.Accepted, d));
    }

    [Fact]
    public async Task Sweep_AfterKeepUntil_EntryDroppedAndLateUseRefused()
    {
        var (registry, time) = Create();
        long keep = time.GetUtcNow().ToUnixTimeSeconds() + 60;
        Assert.Equal(ReplayDecision.Accepted, await registry.TryAcceptAsync("jti-3", 1, keep, default));

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, registry.Sweep());
        Assert.Equal(0, registry.Count);
        Assert.Equal(ReplayDecision.Replayed, await registry.TryAcceptAsync("jti-3", 1, keep, default));
    }

    [Fact]
    public async Task TryAccept_Full_RefusesNewTokensButNotLiveOnes()
    {
        var (registry, time) = Create(maxEntries: 2);
        long keep = time.GetUtcNow().ToUnixTimeSeconds() + 60;
        await registry.TryAcceptAsync("a", 1, keep, default);
        await registry.TryAcceptAsync("b", 1, keep, default);

        Assert.Equal(ReplayDecision.Unavailable, await registry.TryAcceptAsync("c", 1, keep, default));
        Assert.Equal(ReplayDecision.Accepted, await registry.TryAcceptAsync("a", 2, keep, default));
        Assert.Equal(ReplayDecision.Replayed, await registry.TryAcceptAsync("b", 1, keep, default));
    }

    [Fact]
    public void EpochStart_IsTheNextWholeSecond()
    {
        var (registry, time) = Create();
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds() + 1, registry.EpochStart);
    }
}
