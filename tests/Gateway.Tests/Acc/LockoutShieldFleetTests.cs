using System.Diagnostics;
using System.Net;
using System.Text;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Acc;

/// <summary>
/// Issue 3's acceptance run: 500 agents with a stale ACC password and 50 with the right one, each sending two
/// requests through a real gateway (a UNC route, so ACC only) to a real slapd that locks the account after 5
/// failed binds. With the shield the account stays unlocked and the directory sees at most the budget of failed
/// binds; without it the same run locks the account, so the test can fail.
/// </summary>
public sealed class LockoutShieldFleetTests(ITestOutputHelper output)
{
    private const int StaleAgents = 500;
    private const int GoodAgents = 50;
    private const int RequestsPerAgent = 2;
    private const int Concurrency = 32;
    private const int Budget = 3;

    [Fact]
    public async Task Fleet_StalePasswordWithShield_AccountNotLockedAndFailedBindsWithinBudget()
    {
        var run = await RunFleetAsync(shield: true);

        Assert.False(run.Locked, "pwdAccountLockedTime is set: the directory locked the ACC account.");
        Assert.Equal(GoodAgents * RequestsPerAgent, run.GoodOk);
        Assert.Equal(0, run.StaleOk);
        Assert.InRange(run.FailedBinds, 1, Budget);
        Assert.Equal(StaleAgents * RequestsPerAgent, run.StaleRefused[HttpStatusCode.Unauthorized] + run.StaleRefused[HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task Fleet_StalePasswordWithoutShield_AccountLocked()
    {
        var run = await RunFleetAsync(shield: false);

        Assert.True(run.Locked, "without the shield the stale passwords should have locked the account.");
        Assert.True(run.FailedBinds >= LdapServer.MaxFailure);
        Assert.True(run.GoodOk < GoodAgents * RequestsPerAgent, "once locked, the right password is refused too.");
    }

    private async Task<FleetRun> RunFleetAsync(bool shield)
    {
        await using var ldap = await LdapServer.StartAsync();
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:legacy:Metadata:SmpCodebase"] = @"\\files.example.test\packages",
            ["Gateway:Acc:AllowPlainHttp"] = "true",
            ["Gateway:Acc:Directory:Url"] = ldap.Url,
            ["Gateway:Acc:Directory:BindDnTemplate"] = LdapServer.BindDnTemplate,
            ["Gateway:Acc:Directory:Users:0"] = LdapServer.Account,
            ["Gateway:Acc:Directory:LockoutThreshold"] = LdapServer.MaxFailure.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:Acc:Shield:Enabled"] = shield ? "true" : "false",
            ["Gateway:Acc:Shield:WrongPasswordBudget"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "None",
        });

        // Agents in a fixed shuffled order: stale and right passwords interleave from the start.
        var agents = Enumerable.Range(0, StaleAgents).Select(i => (Name: $"stale-{i}", Stale: true))
            .Concat(Enumerable.Range(0, GoodAgents).Select(i => (Name: $"good-{i}", Stale: false)))
            .OrderBy(_ => Random.Shared.Next()).ToArray();
        new Random(3).Shuffle(agents);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(host.Url) };
        var results = new System.Collections.Concurrent.ConcurrentBag<(bool Stale, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (agent, cancel) =>
        {
            string password = agent.Stale ? "stale-password" : LdapServer.Password;
            for (int r = 0; r < RequestsPerAgent; r++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Paths.TaskServers);
                request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(LdapServer.Account + ":" + password)));
                request.Headers.TryAddWithoutValidation("User-Agent", "agent-sim/" + agent.Name);
                using var response = await client.SendAsync(request, cancel);
                results.Add((agent.Stale, response.StatusCode));
            }
        });
        clock.Stop();
        await ldap.SettleAsync();

        var run = new FleetRun(
            GoodOk: results.Count(r => !r.Stale && r.Status == HttpStatusCode.OK),
            StaleOk: results.Count(r => r.Stale && r.Status == HttpStatusCode.OK),
            StaleRefused: new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }.ToDictionary(s => s, s => results.Count(r => r.Stale && r.Status == s)),
            FailedBinds: ldap.FailedBinds,
            Locked: ldap.AccountLocked());
        output.WriteLine(
            $"shield {(shield ? "on" : "off")}: {agents.Length} agents x {RequestsPerAgent} requests, concurrency {Concurrency}, {clock.Elapsed.TotalSeconds:F2} s; " +
            $"right password 200: {run.GoodOk}/{GoodAgents * RequestsPerAgent}, " +
            $"stale password 200/401/429: {run.StaleOk}/{run.StaleRefused[HttpStatusCode.Unauthorized]}/{run.StaleRefused[HttpStatusCode.TooManyRequests]}; " +
            $"slapd failed binds {run.FailedBinds}, accepted binds {ldap.AcceptedBinds}; " +
            $"pwdAccountLockedTime {(run.Locked ? "present" : "absent")}; " +
            $"other statuses: {string.Join(",", results.Where(r => r.Status is not (HttpStatusCode.OK or HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests)).GroupBy(r => r.Status).Select(g => $"{(int)g.Key}x{g.Count()}"))}");
        return run;
    }

    private sealed record FleetRun(int GoodOk, int StaleOk, Dictionary<HttpStatusCode, int> StaleRefused, int FailedBinds, bool Locked);
}
