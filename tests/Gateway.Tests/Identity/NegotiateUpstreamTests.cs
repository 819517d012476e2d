using System.Net;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Identity;

/// <summary>
/// Issue 16, upstream: a gateway process whose cluster presents <c>Negotiate</c> (Kerberos, the service account's
/// keytab) in front of a legacy server process that demands Negotiate, as an unmodified IIS with Windows
/// authentication does, both against the real Samba KDC. A token-authenticated agent's GET and POST (200 KB) reach
/// it as the service account; a stale keytab on either side gives the agent 502 <c>upstream-identity</c>.
/// </summary>
[Collection(SambaCollection.Name)]
public sealed class NegotiateUpstreamTests(SambaFixture samba, ITestOutputHelper output)
{
    private const int PostBody = 200 * 1024;
    private static int _next;

    [Fact]
    public async Task Forward_TokenAgentGetAndPostToNegotiateServer_ServerSeesTheServiceAccount()
    {
        await using var setup = await Setup.CreateAsync(samba.Dc);
        var gateway = await setup.StartAsync();

        var get = await setup.CallAsync();
        var post = await setup.CallAsync(PostBody);
        var again = await setup.CallAsync();

        output.WriteLine(gateway.Output);
        Assert.Equal((HttpStatusCode.OK, setup.ServicePrincipal, 0L), (get.Status, get.User, get.BodyLength));
        Assert.Equal((HttpStatusCode.OK, setup.ServicePrincipal, (long)PostBody), (post.Status, post.User, post.BodyLength));
        Assert.Equal((HttpStatusCode.OK, setup.ServicePrincipal), (again.Status, again.User));
        // The gateway's own Kerberos token, never the agent's SMPToken.
        Assert.StartsWith("Negotiate ", get.Authorization, StringComparison.Ordinal);
        string chosen = $"Upstream identity of cluster legacy: Negotiate (Kerberos) for {setup.Spn}";
        Assert.Contains(chosen, await gateway.OutputWhenItHoldsAsync(chosen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_ServiceAccountPasswordChangedAfterKeytab_502UpstreamIdentityAndNothingForwarded()
    {
        await using var setup = await Setup.CreateAsync(samba.Dc);
        // The keytab holds the keys of the previous password: the KDC refuses them.
        await samba.Dc.UserAsync("setpassword", setup.ServiceAccount, "--newpassword=Changed-Pass-456");
        var gateway = await setup.StartAsync();

        var get = await setup.CallAsync();
        var post = await setup.CallAsync(PostBody);

        Assert.Equal((HttpStatusCode.BadGateway, "upstream-identity"), (get.Status, get.NsError));
        Assert.Equal((HttpStatusCode.BadGateway, "upstream-identity"), (post.Status, post.NsError));
        string unavailable = "Upstream identity of cluster legacy unavailable: no Kerberos token for " + setup.Spn;
        Assert.Contains(unavailable, await gateway.OutputWhenItHoldsAsync(unavailable), StringComparison.Ordinal);
        // Nothing went to the server: it would have answered 401, logged as a refusal.
        Assert.DoesNotContain("refused the gateway's", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_ServerKeytabStale_ServerRefusesAnd502UpstreamIdentity()
    {
        await using var setup = await Setup.CreateAsync(samba.Dc);
        // The server's keytab holds the keys of the web account's previous password: it cannot read the ticket.
        await samba.Dc.UserAsync("setpassword", setup.WebAccount, "--newpassword=Changed-Web-456");
        var gateway = await setup.StartAsync();

        var get = await setup.CallAsync();

        Assert.Equal((HttpStatusCode.BadGateway, "upstream-identity"), (get.Status, get.NsError));
        const string Refused = "The server behind cluster legacy (primary) refused the gateway's Negotiate (Kerberos)";
        Assert.Contains(Refused, await gateway.OutputWhenItHoldsAsync(Refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NegotiateCluster_ReportsKeytabSpnAndSetSpnLine()
    {
        await using var setup = await Setup.CreateAsync(samba.Dc);
        var (code, report) = setup.Doctor(setup.ServiceKeytab);
        // The same keytab with the SPN's keys too: a server running as the service account.
        await samba.Dc.ExportKeytabAsync(setup.ServiceKeytab, setup.Spn);
        var (_, both) = setup.Doctor(setup.ServiceKeytab);

        output.WriteLine(report);
        Assert.True(code == 0, report);
        Assert.Contains($"legacy: Negotiate (Kerberos) for {setup.Spn}", report, StringComparison.Ordinal);
        Assert.Contains($"keytab {setup.ServiceKeytab}: {setup.ServicePrincipal} (kvno ", report, StringComparison.Ordinal);
        Assert.Contains("aes256-cts-hmac-sha1-96", report, StringComparison.Ordinal);
        Assert.Contains($"SPN {setup.Spn}: not in the keytab", report, StringComparison.Ordinal);
        Assert.Contains($"setspn -S {setup.Spn} EXAMPLE\\{setup.Spn[5..].Split('.')[0]}", report, StringComparison.Ordinal);
        Assert.Contains($"SPN {setup.Spn}: the keytab holds its key", both, StringComparison.Ordinal);
    }

    /// <summary>
    /// A service account with its keytab, a web account holding the server's SPN with its keytab, and a krb5.conf: one
    /// test's realm objects; then the legacy server and the gateway processes and an enrolled agent, all ended on dispose.
    /// </summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly KerberosKit _kit = new();
        private readonly TempFolder _folder = new();
        private LegacyServerProcess? _legacy;
        private GatewayServerProcess? _gateway;
        private HttpClient? _client;
        private TestAgent? _agent;

        private Setup(int n)
        {
            ServiceAccount = $"up-iusr-{n}";
            WebAccount = $"up-web-{n}";
            Spn = $"HTTP/legacy-{n}.example.test";
        }

        public string ServiceAccount { get; }
        public string WebAccount { get; }
        public string Spn { get; }
        public string ServicePrincipal => ServiceAccount + "@" + SambaDc.KerberosRealm;
        public string ServiceKeytab => _kit.File("iusr.keytab");
        private string WebKeytab => _kit.File("web.keytab");

        public static async Task<Setup> CreateAsync(SambaDc dc)
        {
            var setup = new Setup(Interlocked.Increment(ref _next));
            await dc.CreateServiceAccountAsync(setup.ServiceAccount, "Iusr-Pass-123");
            await dc.CreateServiceAccountAsync(setup.WebAccount, "Web-Pass-123");
            await dc.AddSpnAsync(setup.WebAccount, setup.Spn);
            await dc.ExportKeytabAsync(setup.ServiceKeytab, setup.ServiceAccount);
            await dc.ExportKeytabAsync(setup.WebKeytab, setup.Spn);
            return setup;
        }

        /// <summary>
        /// The legacy server demanding Negotiate with the web account's keytab; the gateway with the kit's krb5.conf
        /// and no ticket cache named (it keeps its tickets in memory, taken with the keytab
        /// <c>Gateway:Identity:KerberosKeytab</c> names); an agent enrolled there.
        /// </summary>
        public async Task<GatewayServerProcess> StartAsync()
        {
            _legacy = await LegacyServerProcess.StartAsync(_kit.Environment(acceptorKeytab: WebKeytab), "--require", "negotiate");
            var environment = _kit.Environment();
            environment.Remove("KRB5CCNAME");
            _gateway = await GatewayServerProcess.StartAsync(_folder.Path, _legacy.Url, Negotiate(ServiceKeytab), environment);
            (_client, _agent) = await UpstreamCall.EnrollAsync(_gateway.Url);
            return _gateway;
        }

        public Task<UpstreamCall> CallAsync(int body = 0) => UpstreamCall.SendAsync(_client!, _agent!, body);

        private Dictionary<string, string?> Negotiate(string keytab) => new()
        {
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamIdentity"] = "Negotiate",
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamSpn"] = Spn,
            ["Gateway:Identity:KerberosKeytab"] = keytab,
        };

        /// <summary><c>gateway doctor --config FILE</c> (domain EXAMPLE) for a gateway presenting Negotiate with <paramref name="keytab"/>.</summary>
        public (int Code, string Report) Doctor(string keytab)
        {
            string file = AdminCli.WriteConfig(Path.Combine(_folder.Path, "doctor.json"), GatewayServerProcess.Settings(_folder.Path, "http://127.0.0.1:8080", "http://127.0.0.1:8081", Negotiate(keytab)));
            using var report = new StringWriter();
            int code = Smp.Gateway.Doctor.Doctor.Run(["--config", file], "EXAMPLE", report);
            return (code, report.ToString());
        }

        public async ValueTask DisposeAsync()
        {
            _client?.Dispose();
            if (_gateway is not null)
            {
                await _gateway.DisposeAsync();
            }

            if (_legacy is not null)
            {
                await _legacy.DisposeAsync();
            }

            _folder.Dispose();
            _kit.Dispose();
        }
    }
}
