using System.Net;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 8: the cache of verified server signatures is filled only by proofs that passed the
/// agent's signature (§8 step 6), so filling it takes an enrolled agent's key, and each client address
/// fills at most its share. (Bytes per entry: tests/Gateway.Benchmarks, <c>-- cache-memory</c>.)
/// </summary>
public sealed class TokenCacheTests
{
    [Fact]
    public async Task ProofsWithAForeignAgentSignature_403AndNothingRemembered_ValidProofRemembered()
    {
        await using var host = await GatewayHost.StartAsync();
        var cache = host.Gateway.Services.GetRequiredService<VerifiedSignatureCache>();
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        var stranger = new TestAgent(TestAgent.ForeignKey(0), agent.AgentId);

        var refused = new List<(HttpStatusCode, string?)>();
        for (int counter = 1; counter <= 5; counter++)
        {
            using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + stranger.Proof(token, uid, counter));
            refused.Add((response.StatusCode, Challenge.ErrorOf(response)));
        }

        int afterForged = cache.Count;
        using var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1));

        Assert.All(refused, r => Assert.Equal((HttpStatusCode.Forbidden, "agent-signature-invalid"), r));
        Assert.Equal(0, afterForged);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task OneAddressOverItsShare_StillServedButNotRemembered_OtherAddressRemembered()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Tokens:MaxCachedTokensPerSource"] = "2" });
        var cache = host.Gateway.Services.GetRequiredService<VerifiedSignatureCache>();
        var statuses = new List<HttpStatusCode>();
        using (var client = host.NewClient())
        {
            for (int i = 0; i < 4; i++)
            {
                var agent = TestAgent.New();
                (await agent.EnrollAsync(client)).Dispose();
                using var response = await agent.AuthenticateAsync(client);
                statuses.Add(response.StatusCode);
            }
        }

        int fromOne = cache.Count;
        using var other = SourceClient.Create(host.Url, "127.0.0.2");
        var elsewhere = TestAgent.New();
        (await elsewhere.EnrollAsync(other)).Dispose();
        using var served = await elsewhere.AuthenticateAsync(other);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(2, fromOne);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(3, cache.Count);
    }
}
