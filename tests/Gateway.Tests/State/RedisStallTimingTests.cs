using System.Diagnostics;
using System.Net;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.State;

/// <summary>Issue 14 item 5: under a stalled Redis a proof is refused within Gateway:State:Redis:Timeout plus a tenth, not up to twice it.</summary>
public sealed class RedisStallTimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Redis_StalledWithOneSecondTimeout_EachRefusalWithinTheTimeoutPlusATenth()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = await GatewayNodes.StartAsync(redis, count: 1, settings: new() { ["Gateway:State:Redis:Timeout"] = "00:00:01" });
        var agent = TestAgent.New();
        string uid = TestAgent.NewUid();
        using var client = nodes.Client(0);
        (await agent.EnrollAsync(client)).Dispose();
        string token = await agent.GetTokenAsync(client, uid);

        redis.Pause();
        var times = new List<TimeSpan>();
        try
        {
            for (int i = 0; i < 8; i++)
            {
                var clock = Stopwatch.StartNew();
                using var refused = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 10 + i));
                times.Add(clock.Elapsed);
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "registry-unavailable"), (refused.StatusCode, Challenge.ErrorOf(refused)));
            }
        }
        finally
        {
            redis.Resume();
        }

        output.WriteLine("refusals under a stall, Timeout 1 s: " + string.Join(", ", times.Select(t => $"{t.TotalSeconds:F2} s")));
        // 1.1 s is the bound (the rest is room for two shared cores); once the client counts the connection as
        // failed, refusals come at once.
        Assert.All(times, t => Assert.True(t < TimeSpan.FromSeconds(1.35), $"a refusal took {t}"));
    }
}
