using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Acc;

/// <summary>
/// Issue 14 against a real Active Directory (Samba 4 AD DC, lockout after 6 failures): the fleet of
/// <see cref="ShieldFleetTests"/> with the 4 distinct stale passwords first, on one node reading <c>badPwdCount</c>
/// and on three gateway processes sharing one Redis; without the shield the account locks. And the account states
/// the DC answers (<c>data 775</c>, <c>533</c>, <c>701</c>, <c>773</c>) as 403 with their codes.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class SambaShieldTests(SambaFixture samba, ITestOutputHelper output)
{
    [Fact]
    public async Task Fleet_OneStalePasswordShuffledOneNode_EveryRightRequestServedNotLocked()
    {
        var account = await SambaAccount.CreateAsync(samba.Dc, "acc-shuffled");
        await using var host = await GatewayHost.StartAsync(Settings(account, serviceBind: false));

        var run = await AccFleet.RunAsync(account, [host.Url], ShieldFleetTests.StaleAgents, ShieldFleetTests.GoodAgents, stalePasswords: 1, staleFirst: false);
        output.WriteLine($"Samba AD, one node, one stale password among the right one: {run}");

        ShieldFleetTests.AssertShielded(run, account);
    }

    [Fact]
    public async Task Fleet_FourStalePasswordsFirstOneNodeReadingBadPwdCount_EveryRightRequestServedNotLocked()
    {
        var account = await SambaAccount.CreateAsync(samba.Dc, "acc-one-node");
        await using var host = await GatewayHost.StartAsync(Settings(account, serviceBind: true));

        var run = await AccFleet.RunAsync(account, [host.Url], ShieldFleetTests.StaleAgents, ShieldFleetTests.GoodAgents, ShieldFleetTests.StalePasswords, staleFirst: true);
        output.WriteLine($"Samba AD, one node, badPwdCount read: {run}");

        ShieldFleetTests.AssertShielded(run, account);
    }

    [Fact]
    public async Task Fleet_FourStalePasswordsFirstThreeProcessesOnOneRedis_EveryRightRequestServedNotLocked()
    {
        var account = await SambaAccount.CreateAsync(samba.Dc, "acc-three-nodes");
        var run = await ShieldFleetTests.RunOnThreeProcessesAsync(account, serviceBind: false, output);
        ShieldFleetTests.AssertShielded(run, account);
    }

    [Fact]
    public async Task Fleet_ShieldOff_AccountLocked()
    {
        var account = await SambaAccount.CreateAsync(samba.Dc, "acc-no-shield");
        var settings = Settings(account, serviceBind: false);
        settings["Gateway:Acc:Shield:Enabled"] = "false";
        await using var host = await GatewayHost.StartAsync(settings);

        var run = await AccFleet.RunAsync(account, [host.Url], ShieldFleetTests.StaleAgents, ShieldFleetTests.GoodAgents, ShieldFleetTests.StalePasswords, staleFirst: true);
        output.WriteLine($"Samba AD, shield off: {run}");

        Assert.True(run.Locked, $"without the shield the stale passwords should have locked the account: {run}");
        Assert.True(run.RightServed < run.RightSent);
        Assert.Contains("right 403 acc-locked", run.Answers.Keys);
    }

    [Theory]
    [InlineData("acc-disabled", "disable", "acc-disabled", "enable")]
    [InlineData("acc-expired", "setexpiry --days=0", "acc-expired", "setexpiry --noexpiry")]
    [InlineData("acc-must-change", "must-change", "acc-expired", null)]
    [InlineData("acc-locked", "lock", "acc-locked", "unlock")]
    public async Task Acc_AccountStateRightPassword_403WithCodeAndServedOnceCleared(string name, string state, string code, string? clear)
    {
        var account = await SambaAccount.CreateAsync(samba.Dc, name);
        switch (state)
        {
            case "must-change":
                await samba.Dc.UserAsync("setpassword", name, "--newpassword=" + account.Password, "--must-change-at-next-login");
                break;
            case "lock":
                for (int i = 0; i < SambaDc.LockoutThreshold; i++)
                {
                    Assert.Throws<LdapException>(() => Bind(name, "wrong-" + i));
                }

                break;
            default:
                await samba.Dc.UserAsync(state.Split(' ')[0], name, state.Split(' ')[1..]);
                break;
        }

        // Without a service bind the DC's answer to the bind itself tells (data 533, 701, 773, 775).
        await using var host = await GatewayHost.StartAsync(Settings(account, serviceBind: false));
        using var client = host.NewClient();
        var first = await SendAsync(client, account);
        var second = await SendAsync(client, account);

        Assert.Equal((HttpStatusCode.Forbidden, code), first);
        Assert.Equal((HttpStatusCode.Forbidden, code), second);
        if (clear is not null)
        {
            // The right password was never remembered as wrong: once the account is usable, it is served.
            await samba.Dc.UserAsync(clear.Split(' ')[0], name, clear.Split(' ')[1..]);
            Assert.Equal((HttpStatusCode.OK, (string?)null), await SendAsync(client, account));
        }
    }

    private static Dictionary<string, string?> Settings(IFleetDirectory directory, bool serviceBind)
    {
        var settings = directory.Settings(serviceBind);
        settings["ReverseProxy:Routes:legacy:Metadata:SmpCodebase"] = @"\\files.example.test\packages";
        settings["Gateway:Acc:AllowPlainHttp"] = "true";
        return settings;
    }

    private static async Task<(HttpStatusCode, string?)> SendAsync(HttpClient client, IFleetDirectory account)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Paths.TaskServers);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(account.Account + ":" + account.Password)));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, Challenge.ErrorOf(response));
    }

    private static void Bind(string account, string password)
    {
        using var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", 389), new NetworkCredential(account + "@" + SambaDc.Realm, password), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
    }
}
