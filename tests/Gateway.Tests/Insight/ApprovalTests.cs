using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tests.Sites;

namespace Smp.Gateway.Tests.Insight;

/// <summary>
/// Registration approval (<c>Gateway:Enrollment:Approval</c>): under <c>Manual</c> an enrolled agent's hello is refused
/// 403 <c>agent-pending</c> until <c>gateway agents approve</c>, at the Issuer and at a Site; a blocked agent stays
/// refused; the network rules approve or block at enrollment.
/// </summary>
public sealed class ApprovalTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Redis")]
    public async Task Hello_ManualApproval_PendingUntilApproved(string store)
    {
        var settings = Settings(store, ("Gateway:Enrollment:Approval", "Manual"));
        await using var host = await GatewayHost.StartAsync(settings);
        var cli = AdminCli.For(host, settings);
        using var client = host.NewClient();
        var agent = TestAgent.New();
        using (var enrolled = await agent.EnrollAsync(client))
        {
            Assert.Equal(HttpStatusCode.Created, enrolled.StatusCode);
        }

        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentPending), await HelloAsync(client, agent));
        var (exit, pending) = await cli.RunAsync("agents", "list", "--pending");
        Assert.Equal(0, exit);
        Assert.Contains($"{agent.AgentId}  {agent.Jkt}  Pending", pending);
        Assert.Contains("1 agent(s).", pending);

        (exit, _) = await cli.RunAsync("agents", "approve", agent.AgentId);
        Assert.Equal(0, exit);
        Assert.Equal((HttpStatusCode.Unauthorized, (string?)null),
            await Eventually.UntilAsync(() => HelloAsync(client, agent), r => r.Item1 == HttpStatusCode.Unauthorized));
        using var ok = await agent.AuthenticateAsync(client);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        (_, pending) = await cli.RunAsync("agents", "list", "--pending");
        Assert.Contains("0 agent(s).", pending);
    }

    [Fact]
    public async Task Block_PendingAgent_StaysBlocked()
    {
        var settings = Settings("Sqlite", ("Gateway:Enrollment:Approval", "Manual"));
        await using var host = await GatewayHost.StartAsync(settings);
        var cli = AdminCli.For(host, settings);
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();

        var (exit, _) = await cli.RunAsync("agents", "block", agent.AgentId);
        Assert.Equal(0, exit);
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentRevoked),
            await Eventually.UntilAsync(() => HelloAsync(client, agent), r => r.Item2 == NsError.AgentRevoked));
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentRevoked), await EnrollAsync(client, agent));
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentRevoked), await HelloAsync(client, agent));
        var (_, list) = await cli.RunAsync("agents", "list");
        Assert.Contains($"{agent.AgentId}  {agent.Jkt}  Blocked", list);
    }

    [Theory]
    [InlineData("Manual", "Gateway:Enrollment:ApproveNetworks:0", "127.0.0.0/8", HttpStatusCode.Created, null, HttpStatusCode.Unauthorized, null)]
    [InlineData("Manual", "Gateway:Enrollment:ApproveNetworks:0", "10.0.0.0/8", HttpStatusCode.Created, null, HttpStatusCode.Forbidden, NsError.AgentPending)]
    [InlineData("Auto", "Gateway:Enrollment:BlockNetworks:0", "127.0.0.1/32", HttpStatusCode.Forbidden, NsError.AgentRevoked, HttpStatusCode.Forbidden, NsError.AgentRevoked)]
    [InlineData("Manual", "Gateway:Enrollment:BlockNetworks:0", "::1/128", HttpStatusCode.Created, null, HttpStatusCode.Forbidden, NsError.AgentPending)]
    public async Task Enroll_NetworkRule_DecidesAtOnce(
        string approval, string rule, string network, HttpStatusCode enrolled, string? enrollError, HttpStatusCode hello, string? helloError)
    {
        await using var host = await GatewayHost.StartAsync(Settings("Sqlite", ("Gateway:Enrollment:Approval", approval), (rule, network)));
        using var client = host.NewClient();
        var agent = TestAgent.New();

        Assert.Equal((enrolled, enrollError), await EnrollAsync(client, agent));
        Assert.Equal((hello, helloError), await HelloAsync(client, agent));
    }

    [Theory]
    [InlineData("Gateway:Enrollment:Approval", "Sometimes", "Gateway:Enrollment:Approval: 'Sometimes' is neither Auto nor Manual.")]
    [InlineData("Gateway:Enrollment:ApproveNetworks:0", "10.0.0.0/33", "Gateway:Enrollment:ApproveNetworks:0: '10.0.0.0/33' is not a network in CIDR form")]
    [InlineData("Gateway:Enrollment:BlockNetworks:0", "fs1", "Gateway:Enrollment:BlockNetworks:0: 'fs1' is not a network in CIDR form")]
    public async Task Start_ApprovalSettingInvalid_StopsNamingTheKey(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HelloAtSite_PendingAtIssuer_403AgentPendingUntilApproved()
    {
        await using var hierarchy = await SiteHierarchy.StartAsync(sites: 1, issuerSettings: new Dictionary<string, string?> { ["Gateway:Enrollment:Approval"] = "Manual" });
        var agent = TestAgent.New();
        using (var issuer = hierarchy.Issuer.NewClient())
        {
            (await agent.EnrollAsync(issuer)).Dispose();
            Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentPending), await HelloAsync(issuer, agent));
        }

        using var site = hierarchy.Sites[0].NewClient();
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentPending), await HelloAsync(site, agent));
        Assert.Equal((HttpStatusCode.Forbidden, NsError.AgentPending), await HelloAsync(site, agent));

        Assert.True(await hierarchy.Issuer.Admin.ApproveAgentAsync(agent.AgentId));
        Assert.Equal((HttpStatusCode.Unauthorized, (string?)null),
            await Eventually.UntilAsync(() => HelloAsync(site, agent), r => r.Item1 == HttpStatusCode.Unauthorized));
        using var ok = await agent.AuthenticateAsync(site);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    private Dictionary<string, string?> Settings(string store, params (string Key, string Value)[] extra)
    {
        var settings = store == "Redis" ? GatewayNodes.RedisSettings(redis.Server) : [];
        if (store == "Redis")
        {
            settings["Gateway:State:Redis:KeyPrefix"] = "approval-" + Guid.NewGuid().ToString("N")[..8];
        }

        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<(HttpStatusCode, string?)> HelloAsync(HttpClient client, TestAgent agent)
    {
        using var response = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
        return (response.StatusCode, Challenge.ErrorOf(response));
    }

    private static async Task<(HttpStatusCode, string?)> EnrollAsync(HttpClient client, TestAgent agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(agent.EnrollmentBody(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, Challenge.ErrorOf(response));
    }
}
