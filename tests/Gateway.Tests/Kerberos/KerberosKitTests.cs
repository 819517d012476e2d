using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Kerberos;

/// <summary>
/// The Kerberos test kit against the real Samba AD DC: service and machine accounts, an SPN, keytabs exported with AES
/// keys, <c>kinit</c> into a ticket cache of the test's own, an SPNEGO token for an HTTP service, and the legacy server
/// run out of process.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class KerberosKitTests(SambaFixture samba)
{
    private const string ServiceHost = "kit-web.example.test";

    [Fact]
    public async Task ExportKeytab_ServiceAccount_HoldsItsAesKeys()
    {
        using var kit = new KerberosKit();
        await samba.Dc.CreateServiceAccountAsync("kit-iusr", "Kit-Iusr-Pass-1");
        string keytab = kit.File("iusr.keytab");

        await samba.Dc.ExportKeytabAsync(keytab, "kit-iusr");

        string listed = await ExternalTool.RunAsync(kit.Environment(), null, "klist", "-k", "-e", keytab);
        Assert.Contains("kit-iusr@EXAMPLE.TEST (aes256-cts-hmac-sha1-96)", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KinitKeytab_ServiceAccountThenNegotiateToken_TicketForTheSpnInItsOwnCache()
    {
        using var kit = new KerberosKit();
        await samba.Dc.CreateServiceAccountAsync("kit-web", "Kit-Web-Pass-1");
        await samba.Dc.AddSpnAsync("kit-web", "HTTP/" + ServiceHost);
        await samba.Dc.CreateServiceAccountAsync("kit-caller", "Kit-Caller-Pass-1");
        string keytab = kit.File("caller.keytab");
        await samba.Dc.ExportKeytabAsync(keytab, "kit-caller");

        var client = await KerberosClientKit.KinitKeytabAsync(kit, "kit-caller", keytab);
        string token = await client.NegotiateTokenAsync(ServiceHost);

        // SPNEGO's initial token is an ASN.1 application tag 0x60, base64 "YI...".
        Assert.StartsWith("YI", token, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(token).Length > 500);
        string tickets = await client.KlistAsync();
        Assert.Contains("Default principal: kit-caller@EXAMPLE.TEST", tickets, StringComparison.Ordinal);
        Assert.Contains($"HTTP/{ServiceHost}@EXAMPLE.TEST", tickets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinit_MachineAccountPassword_MachinePrincipalInItsOwnCache()
    {
        using var kit = new KerberosKit();
        string account = await samba.Dc.CreateMachineAccountAsync("KITAGENT1", "Kit-Machine-Pass-1");

        var client = await KerberosClientKit.KinitAsync(kit, account, "Kit-Machine-Pass-1");

        Assert.Equal("KITAGENT1$", account);
        Assert.Contains("Default principal: KITAGENT1$@EXAMPLE.TEST", await client.KlistAsync(), StringComparison.Ordinal);
        Assert.StartsWith("FILE:" + kit.Folder, client.Environment["KRB5CCNAME"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinit_WrongPassword_Refused()
    {
        using var kit = new KerberosKit();
        await samba.Dc.CreateServiceAccountAsync("kit-wrong", "Kit-Wrong-Pass-1");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => KerberosClientKit.KinitAsync(kit, "kit-wrong", "Not-The-Pass-1"));

        Assert.Contains("kinit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyServerProcess_Start_ServesOutOfProcessWithItsGate()
    {
        await using var legacy = await LegacyServerProcess.StartAsync();
        using var client = new HttpClient();

        using var anonymous = await client.GetAsync(legacy.Url + Paths.Echo);
        using var asserted = new HttpRequestMessage(HttpMethod.Get, legacy.Url + Paths.Echo)
        {
            Headers = { { "X-SMP-Identity", "agent-1" }, { "X-SMP-Auth", "Token" } },
        };
        using var served = await client.SendAsync(asserted);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }
}
