using System.Diagnostics;
using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.State;

/// <summary>ATTACKS.md F 50 and 52: a Redis that stops or stalls refuses every proof with 503, quickly, and service comes back by itself.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Redis_StoppedMidRun_503NoAcceptanceThenServiceBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = await GatewayNodes.StartAsync(redis);
        var agent = TestAgent.New();
        string uid = TestAgent.NewUid();
        var clients = Enumerable.Range(0, 3).Select(nodes.Client).ToArray();
        (await agent.EnrollAsync(clients[0])).Dispose();
        string token = await agent.GetTokenAsync(clients[1], uid);
        Assert.Equal(HttpStatusCode.OK, await ScaleOutTests.SendAsync(clients[2], agent, token, uid, 1));

        await redis.StopAsync();
        long counter = 1;
        for (int i = 0; i < 9; i++)
        {
            var clock = Stopwatch.StartNew();
            using var refused = await TestAgent.SendAsync(clients[i % 3], Paths.Echo, "SMPToken " + agent.Proof(token, uid, ++counter));
            AssertUnavailable(refused, clock.Elapsed);
        }

        using var hello = await TestAgent.SendAsync(clients[0], Paths.Echo, agent.Hello(TestAgent.NewUid()));
        AssertUnavailable(hello, TimeSpan.Zero);
        using var enroll = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(TestAgent.New().EnrollmentBody()) };
        enroll.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var enrolled = await clients[1].SendAsync(enroll);
        AssertUnavailable(enrolled, TimeSpan.Zero);

        await redis.StartAgainAsync();
        for (int node = 0; node < 3; node++)
        {
            Assert.Equal(HttpStatusCode.OK, await Eventually.UntilAsync(() => ScaleOutTests.SendAsync(clients[node], agent, token, uid, ++counter), HttpStatusCode.ServiceUnavailable));
        }

        // What was accepted before the outage is still known: no replay across it.
        Assert.Equal(HttpStatusCode.Forbidden, await ScaleOutTests.SendAsync(clients[0], agent, token, uid, 1));
    }

    [Fact]
    public async Task Redis_Stalled_ConcurrentProofsRefusedWithinTheTimeoutThenServiceBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = await GatewayNodes.StartAsync(redis, count: 1);
        var agent = TestAgent.New();
        string uid = TestAgent.NewUid();
        using var client = nodes.Client(0);
        (await agent.EnrollAsync(client)).Dispose();
        string token = await agent.GetTokenAsync(client, uid);

        redis.Pause();
        try
        {
            // Far more requests than the thread pool has threads on two cores: none may wait much longer
            // than the Gateway:State:Redis:Timeout (2 s in these tests) of its lookups, and none may be accepted.
            var clock = Stopwatch.StartNew();
            var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
            {
                using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 100 + i));
                return (response.StatusCode, Error: Challenge.ErrorOf(response));
            })));
            Assert.All(answers, a => Assert.Equal((HttpStatusCode.ServiceUnavailable, "registry-unavailable"), a));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"200 proofs against a stalled Redis took {clock.Elapsed}");
        }
        finally
        {
            redis.Resume();
        }

        // A new counter each time: a check that timed out may still have run once Redis woke up.
        long counter = 1000;
        Assert.Equal(HttpStatusCode.OK, await Eventually.UntilAsync(() => ScaleOutTests.SendAsync(client, agent, token, uid, ++counter), HttpStatusCode.ServiceUnavailable));
    }

    private static void AssertUnavailable(HttpResponseMessage response, TimeSpan elapsed)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("registry-unavailable", Challenge.ErrorOf(response));
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"refusing took {elapsed}");
    }
}
