using System.Net;
using System.Text.Json;
using Smp.AgentSim.Tests.Report;
using Smp.Gateway.Administration;
using Smp.Gateway.Insight;
using Smp.Gateway.Tests.Administration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Insight;

/// <summary>
/// The activity through a real gateway and each store: a load of token, ACC and push-install agents, then
/// <c>gateway report</c> names exactly the ACC sources, readiness says no, and yes once they have been quiet a
/// month (the gateway's clock shifted; its flush timer a FakeTimeProvider's, fired by the test); the HTML page opens in Chromium.
/// </summary>
public sealed class InsightReportTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string AccAuthorization = "Basic YWNjOmFjYy1wYXNzd29yZA=="; // acc:acc-password

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Redis")]
    public async Task Load_TokenAccAndPushAgents_ReportsNameExactlyTheAccSources(string store)
    {
        var clock = new FlushClock();
        var settings = Settings(store);
        await using var host = await GatewayHost.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(clock));
        var cli = AdminCli.For(host, settings);
        using var client = host.NewClient();

        var agents = Enumerable.Range(0, 4).Select(_ => TestAgent.New()).ToList();
        foreach (var agent in agents)
        {
            (await agent.EnrollAsync(client)).Dispose();
            using var ok = await agent.AuthenticateAsync(client);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        await SendAsync(host, Paths.Echo, AccAuthorization, "AgentA/1.0", 3);
        await SendAsync(host, Paths.Echo, AccAuthorization, "AgentB/2.0", 2);
        await SendAsync(host, "/Altiris/UncPackages/p1/setup.exe", AccAuthorization, "UncFetcher/1.0", 2);
        var (_, push) = await LongLivedTokenTests.IssueAsync(cli, "issue-push", "--name", "push");
        await SendAsync(host, "/Altiris/NS/Agent/AeXNSCInstSvc.aspx", "Bearer " + push, "PushInstaller/3.0", 2);

        // Nothing is written before the minute: the request path never waits on the store.
        var (_, before) = await cli.RunAsync("report", "acc", "--json");
        Assert.Empty(JsonDocument.Parse(before).RootElement.EnumerateArray());

        clock.FlushNow();
        var sources = await Eventually.UntilAsync(async () => JsonDocument.Parse((await cli.RunAsync("report", "acc", "--json")).Output).RootElement.Clone(),
            s => s.GetArrayLength() == 3);
        var seen = sources.EnumerateArray()
            .Select(s => (s.GetProperty("account").GetString(), s.GetProperty("address").GetString(), s.GetProperty("userAgent").GetString(), s.GetProperty("count").GetInt64(), s.GetProperty("uncOnly").GetBoolean()))
            .OrderBy(s => s.Item3, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("acc", "127.0.0.1", "AgentA/1.0", 3L, false), ("acc", "127.0.0.1", "AgentB/2.0", 2L, false), ("acc", "127.0.0.1", "UncFetcher/1.0", 2L, true)],
            seen);

        var (exit, readiness) = await cli.RunAsync("report", "readiness");
        Assert.Equal(1, exit);
        Assert.Contains("Not ready: 2 source(s)", readiness);
        Assert.Contains("\"AgentA/1.0\"", readiness);
        Assert.Contains("\"AgentB/2.0\"", readiness);
        Assert.DoesNotContain("UncFetcher", readiness);

        var (_, agentsJson) = await cli.RunAsync("report", "agents", "--json");
        var listed = JsonDocument.Parse(agentsJson).RootElement.EnumerateArray().ToDictionary(a => a.GetProperty("agentId").GetString()!);
        Assert.Equal(agents.Select(a => a.AgentId).Order(), listed.Keys.Order());
        Assert.All(listed.Values, a => Assert.Equal(("Token", "127.0.0.1"), (a.GetProperty("method").GetString(), a.GetProperty("address").GetString())));

        // A month later, only the token agents still call: ACC can go (the UNC route keeps it, and is not counted).
        clock.Offset = TimeSpan.FromDays(31);
        foreach (var agent in agents)
        {
            using var ok = await agent.AuthenticateAsync(client);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var reader = host.Gateway.Services.GetRequiredService<InsightReader>();
        string html = Path.Combine(host.DataDirectory, "report.html");
        using var text = new StringWriter();
        Assert.Equal(0, ReportCommand.Render(Args("readiness", ("--html", html)), await reader.ReadAsync(CancellationToken.None), text));
        Assert.StartsWith("Ready: no ACC use in the last 30 days", text.ToString());

        // Their calls reach the store with the next flush, not before.
        Assert.Contains("4 agent(s) not seen for 30d.", await StaleAsync(reader));
        clock.FlushNow();
        Assert.Contains("0 agent(s) not seen for 30d.", await Eventually.UntilAsync(() => StaleAsync(reader), s => s.Contains("0 agent(s)", StringComparison.Ordinal)));

        string dom = await HeadlessChromium.DumpDomAsync(html);
        Assert.Contains("id=\"readiness\" class=\"ready\"", dom);
        foreach (string method in new[] { "Token", "ACC", "PushInstall" })
        {
            Assert.Contains($"<rect class=\"bar\" data-method=\"{method}\"", dom);
        }

        Assert.Matches("<svg id=\"chart-acc\"[^>]*>.*<rect class=\"bar\" data-method=\"ACC\"", dom);
    }

    private Dictionary<string, string?> Settings(string store)
    {
        var settings = store == "Redis" ? GatewayNodes.RedisSettings(redis.Server) : [];
        if (store == "Redis")
        {
            settings["Gateway:State:Redis:KeyPrefix"] = "insight-" + Guid.NewGuid().ToString("N")[..8];
        }

        settings["ReverseProxy:Routes:agent:ClusterId"] = "legacy";
        settings["ReverseProxy:Routes:agent:Match:Path"] = "/Altiris/NS/Agent/{**rest}";
        settings["ReverseProxy:Routes:agent:Metadata:SmpAuth"] = "TokenOrAcc";
        settings["ReverseProxy:Routes:unc:ClusterId"] = "legacy";
        settings["ReverseProxy:Routes:unc:Match:Path"] = "/Altiris/UncPackages/{**rest}";
        settings["ReverseProxy:Routes:unc:Metadata:SmpCodebase"] = @"\\fs1\Packages";
        settings["Gateway:Acc:Accounts:0:User"] = "acc";
        settings["Gateway:Acc:Accounts:0:PasswordHash"] = Smp.Gateway.Configuration.PasswordHash.Create("acc-password", 10_000);
        settings["Gateway:Acc:AllowPlainHttp"] = "true";
        return settings;
    }

    private static async Task<string> StaleAsync(InsightReader reader)
    {
        using var stale = new StringWriter();
        ReportCommand.Render(Args("agents", ("--stale", "30d")), await reader.ReadAsync(CancellationToken.None), stale);
        return stale.ToString();
    }

    private static AdminArguments Args(string verb, params (string Name, string Value)[] options) =>
        new(["report", verb], options.ToDictionary(o => o.Name, o => o.Value), json: false, force: false, []);

    private static async Task SendAsync(GatewayHost host, string path, string authorization, string userAgent, int times)
    {
        using var client = host.NewClient();
        for (int i = 0; i < times; i++)
        {
            using var response = await TestAgent.SendAsync(client, path, authorization, r => r.Headers.TryAddWithoutValidation("User-Agent", userAgent));
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests),
                $"{path} as {userAgent}: {response.StatusCode} {Challenge.ErrorOf(response)}");
        }
    }
}
