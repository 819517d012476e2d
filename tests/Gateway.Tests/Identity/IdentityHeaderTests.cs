using System.Net;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Identity;

/// <summary>§12: what the server behind the gateway sees.</summary>
public sealed class IdentityHeaderTests
{
    [Fact]
    public async Task Forward_TokenCall_ForgedIdentityHeadersRemovedAndGatewayIdentitySet()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Identity:StripHeaders:0"] = "X-Custom-Identity" });
        using var client = host.NewClient();
        var agent = await ConnectionAuthenticationTests.EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);

        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1), r =>
        {
            foreach (string name in new[] { "X-SMP-Identity", "X-SMP-Agent", "X-SMP-Auth", "x-smp-group", "X-SMP-Anything", "Remote-User", "X-Remote-User", "X-Forwarded-User", "X-Custom-Identity" })
            {
                r.Headers.TryAddWithoutValidation(name, "Administrator");
            }

            r.Headers.TryAddWithoutValidation("X-Kept", "kept");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await ConnectionAuthenticationTests.EchoedAsync(response);
        Assert.Equal("_SMP_IUSR", seen["X-SMP-Identity"]);
        Assert.Equal("_SMP_USERS", seen["X-SMP-Group"]);
        Assert.Equal(agent.AgentId, seen["X-SMP-Agent"]);
        Assert.Equal("Token", seen["X-SMP-Auth"]);
        Assert.Equal("kept", seen["X-Kept"]);
        foreach (string name in new[] { "Authorization", "X-SMP-Anything", "Remote-User", "X-Remote-User", "X-Forwarded-User", "X-Custom-Identity" })
        {
            Assert.False(seen.ContainsKey(name), name + " reached the server");
        }

        Assert.DoesNotContain(seen.Values, v => v == "Administrator");
    }

    [Fact]
    public async Task Forward_TokenCalls_EachProofIdForwardedOnceAndForgedCopyRemoved()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var agent = await ConnectionAuthenticationTests.EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        string jti = System.Text.Json.JsonDocument.Parse(B64.Decode(token.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;

        var seen = new List<string?>();
        foreach (long ctr in new long[] { 1, 2 })
        {
            using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, ctr),
                r => r.Headers.TryAddWithoutValidation("X-SMP-Proof-Id", jti + ":1"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.Add((await ConnectionAuthenticationTests.EchoedAsync(response)).GetValueOrDefault("X-SMP-Proof-Id"));
        }

        // On the authenticated connection (§7) no proof came: nothing claims one, and the forged copy is gone.
        using var resumed = await TestAgent.SendAsync(client, Paths.Echo, null, r => r.Headers.TryAddWithoutValidation("X-SMP-Proof-Id", jti + ":1"));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.False((await ConnectionAuthenticationTests.EchoedAsync(resumed)).ContainsKey("X-SMP-Proof-Id"));
        Assert.Equal([jti + ":1", jti + ":2"], seen);
    }

    [Fact]
    public async Task Forward_AnonymousRoute_AnonymousIdentityAndForgedHeadersRemoved()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:packages:ClusterId"] = "legacy",
            ["ReverseProxy:Routes:packages:Match:Path"] = "/Altiris/Packages/{**rest}",
            ["ReverseProxy:Routes:packages:Metadata:SmpAuth"] = "Anonymous",
        });
        using var client = host.NewClient();

        using var response = await TestAgent.SendAsync(client, "/Altiris/Packages/p1/file.bin", null, r =>
        {
            r.Headers.TryAddWithoutValidation("X-SMP-Identity", "Administrator");
            r.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
        });

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
    }
}
