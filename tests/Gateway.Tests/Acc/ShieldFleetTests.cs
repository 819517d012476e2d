using Smp.AgentSim.Legacy;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Acc;

/// <summary>
/// Issue 14 against a real slapd (ppolicy): 500 agents with stale passwords and 50 with the right one, 2 requests
/// each, 32 at once, through a UNC route. The 4 distinct stale passwords arrive first, so the right one is
/// tried only after 4 failures: the directory locks at 6 here, since k distinct wrong passwords before the right
/// one can be absorbed only while k + 1 failures cannot lock (k at most threshold - 2). Every right-password
/// request is served and the account never locks: on one node reading ppolicy's own count, and on three
/// gateway processes sharing one Redis (the budget is the fleet's).
/// </summary>
public sealed class ShieldFleetTests(ITestOutputHelper output)
{
    public const int StaleAgents = 500;
    public const int GoodAgents = 50;
    public const int StalePasswords = 4;

    [Fact]
    public async Task Fleet_FourStalePasswordsFirstOneNodeReadingPpolicy_EveryRightRequestServedNotLocked()
    {
        await using var ldap = await LdapServer.StartAsync(maxFailure: StalePasswords + 2);
        var settings = ldap.Settings(serviceBind: true);
        settings["ReverseProxy:Routes:legacy:Metadata:SmpCodebase"] = @"\\files.example.test\packages";
        settings["Gateway:Acc:AllowPlainHttp"] = "true";
        await using var host = await GatewayHost.StartAsync(settings);

        var run = await AccFleet.RunAsync(ldap, [host.Url], StaleAgents, GoodAgents, StalePasswords, staleFirst: true);
        output.WriteLine($"slapd, one node, ppolicy read: {run}");

        AssertShielded(run, ldap);
    }

    [Fact]
    public async Task Fleet_FourStalePasswordsFirstThreeProcessesOnOneRedis_EveryRightRequestServedNotLocked()
    {
        await using var ldap = await LdapServer.StartAsync(maxFailure: StalePasswords + 2);
        var run = await RunOnThreeProcessesAsync(ldap, serviceBind: false, output);
        AssertShielded(run, ldap);
    }

    [Theory]
    [InlineData(true, 403, "acc-locked")]
    [InlineData(false, 401, "credentials-invalid")]
    public async Task Acc_PpolicyLockedAccountRightPassword_LockedOnlyWhereTheEntryIsRead(bool serviceBind, int status, string code)
    {
        await using var ldap = await LdapServer.StartAsync();
        for (int i = 0; i < LdapServer.MaxFailure; i++)
        {
            Assert.False(ldap.TryBind("wrong-" + i));
        }

        var settings = ldap.Settings(serviceBind);
        settings["ReverseProxy:Routes:legacy:Metadata:SmpCodebase"] = @"\\files.example.test\packages";
        settings["Gateway:Acc:AllowPlainHttp"] = "true";
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Paths.TaskServers);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(LdapServer.Account + ":" + LdapServer.Password)));
        using var response = await client.SendAsync(request);

        // OpenLDAP answers a locked account with a plain invalid-credentials: only its entry (pwdAccountLockedTime) tells.
        Assert.Equal((status, code), ((int)response.StatusCode, Challenge.ErrorOf(response)));
    }

    [Fact]
    public async Task Fleet_FourStalePasswordsFirstThreeProcessesEachCountingAlone_AccountLocks()
    {
        // What the shared store prevents: nodes counting in their own memory pass each stale password once each.
        await using var ldap = await LdapServer.StartAsync(maxFailure: StalePasswords + 2);
        var run = await RunOnThreeProcessesAsync(ldap, serviceBind: false, output, sharedStore: false);
        Assert.True(run.Locked, $"three nodes counting alone should have locked the account: {run}");
    }

    /// <summary>Three gateway processes on one Redis (or each on its own memory) in front of one legacy server; the fleet spread over them.</summary>
    internal static async Task<FleetRun> RunOnThreeProcessesAsync(IFleetDirectory directory, bool serviceBind, ITestOutputHelper output, bool sharedStore = true)
    {
        await using var redis = await RedisServer.StartAsync();
        string legacyUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var legacy = LegacyServer.Build(legacyUrl);
        await legacy.StartAsync();
        using var keys = new TempFolder();
        string keyFile = Path.Combine(keys.Path, "signing-key.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        }

        var settings = GatewayNodes.RedisSettings(redis, keyFile);
        if (!sharedStore)
        {
            settings["Gateway:State:Store"] = "Embedded";
        }

        foreach (var (key, value) in directory.Settings(serviceBind))
        {
            settings[key] = value;
        }

        settings["ReverseProxy:Routes:legacy:Metadata:SmpCodebase"] = @"\\files.example.test\packages";
        settings["Gateway:Acc:AllowPlainHttp"] = "true";
        var starts = Enumerable.Range(0, 3).Select(_ => GatewayProcess.StartAsync(legacyUrl, settings)).ToArray();
        var nodes = new List<GatewayProcess>();
        try
        {
            // Every process that started is stopped below, even when another one failed to start.
            Exception? failed = null;
            foreach (var start in starts)
            {
                try
                {
                    nodes.Add(await start);
                }
                catch (Exception e)
                {
                    failed ??= e;
                }
            }

            if (failed is not null)
            {
                throw failed;
            }
            var run = await AccFleet.RunAsync(directory, nodes.Select(n => n.Url).ToArray(), StaleAgents, GoodAgents, StalePasswords, staleFirst: true);
            output.WriteLine($"{directory.Name}, three gateway processes {(sharedStore ? "on one Redis" : "each counting alone")}{(serviceBind ? ", directory count read" : "")}: {run}");
            if (run.RightServed != run.RightSent)
            {
                output.WriteLine("first node's log, its end:\n" + nodes[0].Output[Math.Max(0, nodes[0].Output.Length - 4000)..]);
            }

            return run;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    internal static void AssertShielded(FleetRun run, IFleetDirectory directory)
    {
        Assert.False(run.Locked, $"the directory locked the ACC account: {run}");
        Assert.Equal(run.RightSent, run.RightServed);
        Assert.Equal(0, run.StaleServed);
        Assert.InRange(run.FailedBinds, 1, directory.LockoutThreshold - 1);
    }
}
