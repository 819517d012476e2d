using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Authentication;

/// <summary>§7 "Connection": authenticated once, for that connection, until a check fails on it.</summary>
public sealed class ConnectionAuthenticationTests
{
    [Theory]
    [InlineData("Http1")]
    [InlineData("Http2")]
    public async Task Connection_AfterAcceptedProof_LaterRequestsNeedNoAuthorization(string protocol)
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Kestrel:Endpoints:Http:Protocols"] = protocol });
        using var client = host.NewClient(protocol == "Http2" ? HttpVersion.Version20 : HttpVersion.Version11);
        var agent = await EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);

        using (var first = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // Under HTTP/2 these are concurrent streams of one connection.
        var later = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TestAgent.SendAsync(client, Paths.Echo, null)));
        foreach (var response in later)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(agent.AgentId, (await EchoedAsync(response))["X-SMP-Agent"]);
            response.Dispose();
        }
    }

    [Fact]
    public async Task Connection_FailedCheckOnIt_EndsItsAuthentication()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var agent = await EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        string proof = agent.Proof(token, uid, 1);
        (await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof)).Dispose();

        using var replay = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        using var after = await TestAgent.SendAsync(client, Paths.Echo, null);

        Assert.Equal("replay", Challenge.ErrorOf(replay));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Connection_RevokedAgent_EndsItsAuthentication()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var agent = await EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        (await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(await agent.GetTokenAsync(client, uid), uid, 1))).Dispose();

        await host.Admin.RevokeAgentAsync(agent.AgentId);
        using var after = await TestAgent.SendAsync(client, Paths.Echo, null);

        // Refused as a proof would be (§7), not with a bare 401.
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal("agent-revoked", Challenge.ErrorOf(after));
    }

    [Fact]
    public async Task Connection_KeepAuthenticationOff_EveryRequestNeedsAProof()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Connection:KeepAuthentication"] = "false" });
        using var client = host.NewClient();
        var agent = await EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);

        using var first = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1));
        using var second = await TestAgent.SendAsync(client, Paths.Echo, null);
        using var third = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 2));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData("Http1")]
    [InlineData("Http2")]
    public async Task Connection_OtherConnection_IsNotAuthenticated(string protocol)
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Kestrel:Endpoints:Http:Protocols"] = protocol });
        var version = protocol == "Http2" ? HttpVersion.Version20 : HttpVersion.Version11;
        using var client = host.NewClient(version);
        using var stranger = host.NewClient(version);
        var agent = await EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        (await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(await agent.GetTokenAsync(client, uid), uid, 1))).Dispose();

        using var response = await TestAgent.SendAsync(stranger, Paths.Echo, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static async Task<TestAgent> EnrolledAsync(GatewayHost host, HttpClient client)
    {
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        return agent;
    }

    internal static async Task<Dictionary<string, string>> EchoedAsync(HttpResponseMessage response)
    {
        var headers = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("headers");
        return headers.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
    }
}
