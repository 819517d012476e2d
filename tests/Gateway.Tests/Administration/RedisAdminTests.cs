using System.Net;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Administration;

/// <summary>The admin subcommands against a real redis-server: listing by SCAN, and changes every node sees at once.</summary>
public sealed class RedisAdminTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AgentsListAndRevoke_Redis_ListsAndRefuses()
    {
        var settings = GatewayNodes.RedisSettings(redis.Server);
        settings["Gateway:State:Redis:KeyPrefix"] = "admin-" + Guid.NewGuid().ToString("N")[..8];
        settings["Gateway:Connection:KeepAuthentication"] = "false";
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient();
        var agents = Enumerable.Range(0, 3).Select(_ => TestAgent.New()).ToList();
        foreach (var a in agents)
        {
            (await a.EnrollAsync(client)).Dispose();
        }

        var cli = AdminCli.For(host, settings);
        var (exit, output) = await cli.RunAsync("agents", "list");
        Assert.Equal(0, exit);
        Assert.All(agents, a => Assert.Contains($"{a.AgentId}  {a.Jkt}  Active", output));
        Assert.Contains("3 agent(s).", output);

        string uid = TestAgent.NewUid();
        string token = await agents[0].GetTokenAsync(client, uid);
        (exit, output) = await cli.RunAsync("agents", "revoke", agents[0].AgentId);
        Assert.Equal(0, exit);
        Assert.Contains("at once", output);
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentRevoked), await AgentsCommandTests.StatusOfAsync(client, agents[0].Proof(token, uid, 1)));
        (_, output) = await cli.RunAsync("agents", "list");
        Assert.Contains($"{agents[0].AgentId}  {agents[0].Jkt}  Revoked", output);
    }

    [Fact]
    public async Task TokensIssueListRevoke_Redis_RevokedPushInstallRefused()
    {
        var settings = GatewayNodes.RedisSettings(redis.Server);
        settings["Gateway:State:Redis:KeyPrefix"] = "admin-" + Guid.NewGuid().ToString("N")[..8];
        settings["Gateway:LongLivedTokens:PushInstallPaths:0"] = Paths.Echo;
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient();
        var cli = AdminCli.For(host, settings);
        var (id, secret) = await LongLivedTokenTests.IssueAsync(cli, "issue-push", "--name", "push");

        Assert.Equal(HttpStatusCode.OK, (await LongLivedTokenTests.SendAsync(client, Paths.Echo, secret)).Status);
        var (exit, output) = await cli.RunAsync("tokens", "list");
        Assert.Equal(0, exit);
        Assert.Contains($"{id}  PushInstall  push  active", output);
        Assert.Equal(0, (await cli.RunAsync("tokens", "revoke", id)).Exit);
        Assert.Equal((HttpStatusCode.Forbidden, NsError.TokenRevoked), await LongLivedTokenTests.StatusAsync(client, Paths.Echo, secret));
    }
}
