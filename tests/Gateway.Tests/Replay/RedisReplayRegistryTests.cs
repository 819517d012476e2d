using System.Diagnostics;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Replay;

/// <summary>The Lua window in a real Redis against <see cref="ReplayWindow"/>, and what the registry does when Redis fails.</summary>
public sealed class RedisReplayRegistryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const long MaxCounter = 9_007_199_254_740_991;

    private static long KeepUntil => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;

    [Theory]
    [InlineData(64, new long[] { 10, 8, 9 }, new[] { true, true, true })]
    [InlineData(64, new long[] { 10, 8, 8 }, new[] { true, true, false })]
    [InlineData(64, new long[] { 1, 1 }, new[] { true, false })]
    [InlineData(64, new long[] { 100, 37 }, new[] { true, true })]
    [InlineData(64, new long[] { 100, 36 }, new[] { true, false })]
    [InlineData(64, new long[] { 100, 68, 69, 68, 99, 99 }, new[] { true, true, true, false, true, false })]
    [InlineData(64, new long[] { 5, 1_000_005, 1_000_004, 5 }, new[] { true, true, true, false })]
    [InlineData(64, new long[] { 1, 4_294_967_297, 4_294_967_296, 4_294_967_297 }, new[] { true, true, true, false })]
    [InlineData(64, new long[] { MaxCounter, MaxCounter - 1, MaxCounter, MaxCounter - 63, MaxCounter - 64 }, new[] { true, true, false, true, false })]
    [InlineData(32, new long[] { 40, 9, 8, 9 }, new[] { true, true, false, false })]
    [InlineData(33, new long[] { 40, 8, 7, 8 }, new[] { true, true, false, false })]
    [InlineData(1, new long[] { 3, 2, 4, 4 }, new[] { true, false, true, false })]
    public async Task TryAcceptAsync_Sequence_DecidesAsTheWindow(int width, long[] counters, bool[] expected)
    {
        await using var node = await RedisRegistry.ConnectAsync(redis.Server.Configuration);
        node.Options.Replay.Window = width;
        string jti = Guid.NewGuid().ToString("N");
        var decisions = new List<bool>();
        foreach (long c in counters)
        {
            decisions.Add(await node.Registry.TryAcceptAsync(jti, c, KeepUntil, default) == ReplayDecision.Accepted);
        }

        Assert.Equal(expected, decisions);
    }

    [Fact]
    public async Task TryAcceptAsync_RandomSequences_MatchesReplayWindow()
    {
        await using var node = await RedisRegistry.ConnectAsync(redis.Server.Configuration);
        // Each counter is placed relative to the highest so far, from a draw r in 0..999: mostly a step back
        // of 0 to W + 1 (revisits, the window's far edge), sometimes 1 to 3 forward (bits crossing from one
        // 32-bit half to the other), rarely a long jump; 60 to 160 checks per sequence, from bases near 0,
        // 2^32 and 2^53.
        var bases = Gen.Elements(1L, 4_294_967_000L, MaxCounter - 5000);
        var widths = Gen.Elements(1, 2, 31, 32, 33, 40, 63, 64);
        var draws = Gen.Choose(60, 160).SelectMany(n => Gen.Choose(0, 999).ListOf(n));
        var cases = Gen.Zip(Gen.Zip(bases, widths), draws);
        var property = Prop.ForAll(Arb.From(cases), pair =>
        {
            var ((start, width), sequence) = pair;
            node.Options.Replay.Window = width;
            string jti = Guid.NewGuid().ToString("N");
            var model = new ReplayWindow();
            foreach (int r in sequence)
            {
                long delta = r < 800 ? -(r % (width + 2)) : r < 970 ? 1 + r % 3 : JumpOf(r);
                long counter = Math.Clamp((model.Highest == 0 ? start : model.Highest) + delta, 1, MaxCounter);
                bool expected = model.TryAccept(counter, width);
                var decision = node.Registry.TryAcceptAsync(jti, counter, KeepUntil, default).AsTask().GetAwaiter().GetResult();
                if ((decision == ReplayDecision.Accepted) != expected)
                {
                    return false;
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), property);
    }

    [Fact]
    public async Task TryAcceptAsync_Accepted_KeyUnderItsOwnHashTagExpiresAtKeepUntil()
    {
        await using var node = await RedisRegistry.ConnectAsync(redis.Server.Configuration);
        string jti = Guid.NewGuid().ToString("N");
        long keepUntil = KeepUntil;
        Assert.Equal(ReplayDecision.Accepted, await node.Registry.TryAcceptAsync(jti, 1, keepUntil, default));

        string key = node.Connection.Keys.Replay(jti).ToString();
        Assert.Matches(new Regex("^smpgw:replay:\\{[0-9a-f]{32}\\}$"), key);
        Assert.Equal($":{keepUntil}", await redis.Server.CommandAsync($"EXPIRETIME {key}"));
    }

    [Fact]
    public async Task TryAcceptAsync_KeepUntilPassed_ReplayedWithoutAKey()
    {
        await using var node = await RedisRegistry.ConnectAsync(redis.Server.Configuration);
        string jti = Guid.NewGuid().ToString("N");
        long past = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        Assert.Equal(ReplayDecision.Replayed, await node.Registry.TryAcceptAsync(jti, 1, past, default));
        Assert.Equal(":0", await redis.Server.CommandAsync($"EXISTS {node.Connection.Keys.Replay(jti)}"));
    }

    [Fact]
    public async Task TryAcceptAsync_ConcurrentSameCounterFromTwoConnections_ExactlyOneAccepted()
    {
        await using var a = await RedisRegistry.ConnectAsync(redis.Server.Configuration);
        await using var b = await RedisRegistry.ConnectAsync(redis.Server.Configuration);
        string jti = Guid.NewGuid().ToString("N");
        long keep = KeepUntil;
        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => (i % 2 == 0 ? a : b).Registry.TryAcceptAsync(jti, 7, keep, default).AsTask())));
        Assert.Equal(1, decisions.Count(d => d == ReplayDecision.Accepted));
    }

    [Fact]
    public async Task TryAcceptAsync_RedisStoppedThenBack_UnavailableQuicklyThenRecoversWithItsState()
    {
        await using var server = await RedisServer.StartAsync();
        await using var node = await RedisRegistry.ConnectAsync(server.Configuration);
        string jti = Guid.NewGuid().ToString("N");
        long keep = KeepUntil;
        Assert.Equal(ReplayDecision.Accepted, await node.Registry.TryAcceptAsync(jti, 1, keep, default));

        await server.StopAsync();
        var clock = Stopwatch.StartNew();
        Assert.Equal(ReplayDecision.Unavailable, await node.Registry.TryAcceptAsync(jti, 2, keep, default));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"an unreachable Redis took {clock.Elapsed} to refuse");

        await server.StartAgainAsync();
        var decision = await Eventually.UntilAsync(() => node.Registry.TryAcceptAsync(jti, 2, keep, default).AsTask(), ReplayDecision.Unavailable);
        Assert.Equal(ReplayDecision.Accepted, decision);
        Assert.Equal(ReplayDecision.Replayed, await node.Registry.TryAcceptAsync(jti, 1, keep, default));
    }

    private static long JumpOf(int r) => new long[] { 31, 32, 33, 63, 64, 65, 1000, 4_294_967_296 }[r % 8];
}
