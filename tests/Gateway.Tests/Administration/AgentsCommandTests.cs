using System.Net;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Administration;

/// <summary><c>gateway agents</c> against a running gateway's own SQLite store: what the CLI changes, the gateway enforces.</summary>
public sealed class AgentsCommandTests
{
    [Fact]
    public async Task List_EnrolledAgents_ShowsEach()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var a = TestAgent.New();
        var b = TestAgent.New();
        (await a.EnrollAsync(client)).Dispose();
        (await b.EnrollAsync(client)).Dispose();

        var (exit, output) = await AdminCli.For(host).RunAsync("agents", "list");

        Assert.Equal(0, exit);
        Assert.Contains($"{a.AgentId}  {a.Jkt}  Active", output);
        Assert.Contains($"{b.AgentId}  {b.Jkt}  Active", output);
        Assert.Contains("2 agent(s).", output);

        (exit, output) = await AdminCli.For(host).RunAsync("agents", "list", "--json");
        Assert.Equal(0, exit);
        foreach (var agent in System.Text.Json.JsonDocument.Parse(output).RootElement.EnumerateArray())
        {
            // ISO 8601, UTC: what a script parses without knowing the gateway.
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", agent.GetProperty("enrolledAt").GetString());
        }
    }

    [Fact]
    public async Task Show_EnrolledAgent_PrintsStatusAndThumbprint()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();

        var (exit, output) = await AdminCli.For(host).RunAsync("agents", "show", agent.AgentId);

        Assert.Equal(0, exit);
        Assert.Contains("Status  Active", output);
        Assert.Contains(agent.Jkt, output);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("revoke")]
    [InlineData("reinstate")]
    public async Task Verb_UnknownAgent_ExitsOne(string verb)
    {
        await using var host = await GatewayHost.StartAsync();
        var (exit, output) = await AdminCli.For(host).RunAsync("agents", verb, Guid.NewGuid().ToString());
        Assert.Equal(1, exit);
        Assert.Contains("is not enrolled", output);
    }

    [Theory]
    [InlineData(new[] { "agents" }, 64)]
    [InlineData(new[] { "agents", "frob" }, 64)]
    [InlineData(new[] { "agents", "show", "not-a-guid" }, 64)]
    [InlineData(new[] { "agents", "replace-key", "6f1c2e1a-7d7b-4d5e-9c1a-2b3c4d5e6f70" }, 64)]
    [InlineData(new[] { "agents", "list", "--bogus", "1" }, 64)]
    public async Task Run_BadUsage_ExitsWithUsage(string[] args, int expected)
    {
        await using var host = await GatewayHost.StartAsync();
        var (exit, output) = await AdminCli.For(host).RunAsync(args);
        Assert.Equal(expected, exit);
        Assert.Contains("--help' for the usage.", output);
    }

    [Fact]
    public async Task RevokeThenReinstate_RunningGateway_RefusesThenAccepts()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Connection:KeepAuthentication"] = "false" });
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        var cli = AdminCli.For(host);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);

        var (exit, output) = await cli.RunAsync("agents", "revoke", agent.AgentId);
        Assert.Equal(0, exit);
        Assert.Contains("revoked", output);
        long counter = 1;
        var refused = await Eventually.UntilAsync(() => StatusOfAsync(client, agent.Proof(token, uid, counter++)), (HttpStatusCode.OK, (string?)null));
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentRevoked), refused);

        (exit, _) = await cli.RunAsync("agents", "reinstate", agent.AgentId);
        Assert.Equal(0, exit);
        var accepted = await Eventually.UntilAsync(() => StatusOfAsync(client, agent.Proof(token, uid, counter++)), (HttpStatusCode.Forbidden, NsError.AgentRevoked));
        Assert.Equal((HttpStatusCode.OK, (string?)null), accepted);
    }

    [Fact]
    public async Task ReplaceKey_RunningGateway_OldKeyTokensRefusedKeyMismatch()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Connection:KeepAuthentication"] = "false" });
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        var replacement = new TestAgent(TestAgent.ForeignKey(0), agent.AgentId);
        string keyFile = Path.Combine(host.DataDirectory, $"key-{Guid.NewGuid():N}.json");
        File.WriteAllText(keyFile, $"{{\"kty\":\"RSA\",\"n\":\"{replacement.N}\",\"e\":\"{replacement.E}\"}}");

        var (exit, output) = await AdminCli.For(host).RunAsync("agents", "replace-key", agent.AgentId, "--key", keyFile);

        Assert.Equal(0, exit);
        Assert.Contains(replacement.Jkt, output);
        long counter = 1;
        var refused = await Eventually.UntilAsync(() => StatusOfAsync(client, agent.Proof(token, uid, counter++)), (HttpStatusCode.OK, (string?)null));
        Assert.Equal((HttpStatusCode.Forbidden, NsError.KeyMismatch), refused);
        string fresh = await replacement.GetTokenAsync(client, TestAgent.NewUid());
        Assert.NotEqual(token, fresh);
    }

    [Fact]
    public async Task ReplaceKey_PrivateJwk_Refused()
    {
        await using var host = await GatewayHost.StartAsync();
        string keyFile = Path.Combine(host.DataDirectory, $"key-{Guid.NewGuid():N}.json");
        File.WriteAllText(keyFile, "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\"}");
        var (exit, output) = await AdminCli.For(host).RunAsync("agents", "replace-key", Guid.NewGuid().ToString(), "--key", keyFile);
        Assert.Equal(64, exit);
        Assert.Contains("private key", output);
    }

    internal static async Task<(HttpStatusCode, string?)> StatusOfAsync(HttpClient client, string proof)
    {
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        return (response.StatusCode, response.Headers.TryGetValues(NsError.HeaderName, out var v) ? v.Single() : null);
    }
}
