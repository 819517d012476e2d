using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.State;

/// <summary>Issue 14 item 4: a Redis that keeps no data is refused at start unless accepted; one that lost its data re-opens no replay.</summary>
public sealed class RedisDataLossTests
{
    [Fact]
    public async Task Start_RedisWithoutPersistence_RefusedNamingAcceptDataLoss()
    {
        await using var redis = await RedisServer.StartAsync(persistent: false);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayHost.StartAsync(GatewayNodes.RedisSettings(redis)));

        Assert.Contains("Gateway:State:Redis:AcceptDataLoss", e.Message, StringComparison.Ordinal);
        Assert.Contains("keeps no data across a restart", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RedisWithSavePointsOnlyNoAppendOnlyFile_RefusedNamingAcceptDataLoss()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: false);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayHost.StartAsync(GatewayNodes.RedisSettings(redis)));

        Assert.Contains("Gateway:State:Redis:AcceptDataLoss", e.Message, StringComparison.Ordinal);
        Assert.Contains("appendonly no", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_RestartedWithoutData_NoProofAcceptedTwiceAndNoRevokedTokenBack()
    {
        await using var redis = await RedisServer.StartAsync(persistent: false);
        await using var nodes = await GatewayNodes.StartAsync(redis, settings: new() { ["Gateway:State:Redis:AcceptDataLoss"] = "true" });
        var clients = Enumerable.Range(0, 3).Select(nodes.Client).ToArray();
        var agent = TestAgent.New();
        var revoked = TestAgent.New();
        string uid = TestAgent.NewUid(), revokedUid = TestAgent.NewUid();
        (await agent.EnrollAsync(clients[0])).Dispose();
        (await revoked.EnrollAsync(clients[0])).Dispose();
        string token = await agent.GetTokenAsync(clients[1], uid);
        string revokedToken = await revoked.GetTokenAsync(clients[1], revokedUid);
        var used = Enumerable.Range(1, 30).Select(c => agent.Proof(token, uid, c)).ToArray();
        for (int i = 0; i < used.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(clients[i % 3], used[i]));
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clients[2], revoked.Proof(revokedToken, revokedUid, 1)));
        Assert.True(await nodes[0].Admin.RevokeAgentAsync(revoked.AgentId));

        await redis.LoseDataAsync();
        // Both agents enrol again with the same keys (their records went with the data), as agents do on agent-unknown.
        var enrolled = await Eventually.UntilAsync(
            async () =>
            {
                using var enroll = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(agent.EnrollmentBody()) };
                enroll.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
                using var response = await clients[0].SendAsync(enroll);
                return response.StatusCode;
            },
            HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.Created, enrolled);

        (await revoked.EnrollAsync(clients[0])).Dispose();

        var replays = new List<(HttpStatusCode, string?)>();
        foreach (string proof in used.Append(revoked.Proof(revokedToken, revokedUid, 2)))
        {
            for (int node = 0; node < 3; node++)
            {
                using var response = await TestAgent.SendAsync(clients[node], Paths.Echo, "SMPToken " + proof);
                replays.Add((response.StatusCode, Challenge.ErrorOf(response)));
            }
        }

        Assert.DoesNotContain(replays, r => r.Item1 == HttpStatusCode.OK);
        Assert.All(replays, r => Assert.Contains(r, new (HttpStatusCode, string?)[] { (HttpStatusCode.Unauthorized, "stale-epoch"), (HttpStatusCode.ServiceUnavailable, "registry-unavailable") }));
        Assert.Contains((HttpStatusCode.Unauthorized, (string?)"stale-epoch"), replays);

        // The agent follows the fresh token of a stale-epoch answer and carries on.
        string fresh = await agent.GetTokenAsync(clients[2], uid);
        using var carriesOn = await TestAgent.SendAsync(clients[0], Paths.Echo, "SMPToken " + agent.Proof(fresh, uid, 1));
        Assert.Equal((HttpStatusCode.OK, (string?)null), (carriesOn.StatusCode, Challenge.ErrorOf(carriesOn)));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string proof)
    {
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        return response.StatusCode;
    }
}
