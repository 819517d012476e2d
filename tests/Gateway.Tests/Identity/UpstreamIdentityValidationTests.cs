using Smp.Gateway.Cli;

namespace Smp.Gateway.Tests.Identity;

/// <summary><c>check-config</c> (the checks the gateway runs at start) on a cluster's upstream identity: each problem names its key.</summary>
public sealed class UpstreamIdentityValidationTests
{
    private const string Meta = "--ReverseProxy:Clusters:legacy:Metadata:";
    private const string Prefix = "ReverseProxy:Clusters:legacy:Metadata:";

    [Theory]
    [InlineData("SmpUpstreamIdentity=Kerberos", "", Prefix + "SmpUpstreamIdentity: 'Kerberos' is not one of Headers, Basic, Negotiate.")]
    [InlineData("SmpUpstreamIdentity=Ntlm", "", Prefix + "SmpUpstreamIdentity: 'Ntlm' is not supported: NTLM needs a round trip per connection")]
    [InlineData("SmpUpstreamIdentity=Basic", "SmpUpstreamPasswordVariable=PATH", Prefix + "SmpUpstreamUser: is required with SmpUpstreamIdentity Basic")]
    [InlineData("SmpUpstreamIdentity=Basic", "SmpUpstreamUser=a:b", Prefix + "SmpUpstreamUser: 'a:b' has a ':'")]
    [InlineData("SmpUpstreamIdentity=Basic", "SmpUpstreamUser=svc", Prefix + "SmpUpstreamPasswordFile: give exactly one of SmpUpstreamPasswordFile")]
    [InlineData("SmpUpstreamIdentity=Basic", "SmpUpstreamPassword=secret", Prefix + "SmpUpstreamPassword: a password is never read from the configuration")]
    [InlineData("SmpUpstreamIdentity=Basic", "SmpUpstreamPasswordFile=/nonexistent/upstream.password", Prefix + "SmpUpstreamPasswordFile: '/nonexistent/upstream.password' cannot be read")]
    [InlineData("SmpUpstreamIdentity=Basic", "SmpUpstreamPasswordVariable=SMPGW_TEST_NOT_SET_4F2A", Prefix + "SmpUpstreamPasswordVariable: the environment variable 'SMPGW_TEST_NOT_SET_4F2A' is not set")]
    [InlineData("SmpUpstreamIdentity=Negotiate", "", "Gateway:Identity:KerberosKeytab: is required by " + Prefix + "SmpUpstreamIdentity Negotiate")]
    [InlineData("SmpUpstreamIdentity=Negotiate", "SmpUpstreamSpn=legacy", Prefix + "SmpUpstreamSpn: 'legacy' is not an SPN such as HTTP/ns.example.com.")]
    public async Task CheckConfig_UpstreamIdentityProblem_NamesTheKey(string identity, string other, string expected)
    {
        string[] extra = other.Length == 0 ? [] : [Meta + other];
        var (exit, output) = await RunAsync([.. Base(), Meta + identity, .. extra]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_BasicToPlainHttpElsewhere_NamesTheDestination()
    {
        var (exit, output) = await RunAsync([.. Base("http://10.0.0.5/"), Meta + "SmpUpstreamIdentity=Basic", Meta + "SmpUpstreamUser=svc", Meta + "SmpUpstreamPasswordVariable=PATH"]);

        Assert.Equal(2, exit);
        Assert.Contains("ReverseProxy:Clusters:legacy:Destinations:primary:Address: 'http://10.0.0.5/' is plain HTTP to another machine", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081/", "Basic")]
    [InlineData("https://ns.example.com/", "Basic")]
    [InlineData("http://ns.example.com/", "Headers")]
    public async Task CheckConfig_AllowedUpstreamIdentity_NoProblem(string address, string identity)
    {
        var (exit, output) = await RunAsync([.. Base(address), Meta + "SmpUpstreamIdentity=" + identity, Meta + "SmpUpstreamUser=svc", Meta + "SmpUpstreamPasswordVariable=PATH"]);

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task CheckConfig_KeytabThatDoesNotExist_NamesTheKey()
    {
        var (exit, output) = await RunAsync([.. Base(), "--Gateway:Identity:KerberosKeytab=/nonexistent/gateway.keytab"]);

        Assert.Equal(2, exit);
        Assert.Contains("Gateway:Identity:KerberosKeytab: '/nonexistent/gateway.keytab' does not exist.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_BasicCluster_NamesTheAccountNotThePassword()
    {
        using var folder = new Infrastructure.TempFolder();
        string secret = Path.Combine(folder.Path, "upstream.password");
        File.WriteAllText(secret, "Doctor-Secret-1");
        string file = Infrastructure.AdminCli.WriteConfig(Path.Combine(folder.Path, "gateway.json"), new Dictionary<string, string?>
        {
            ["Gateway:Audience"] = "http://127.0.0.1:8080",
            ["ReverseProxy:Clusters:legacy:Destinations:primary:Address"] = "https://ns.example.test/",
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamIdentity"] = "Basic",
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamUser"] = @"EXAMPLE\_SMP_IUSR",
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamPasswordFile"] = secret,
        });
        using var report = new StringWriter();

        int code = Smp.Gateway.Doctor.Doctor.Run(["--config", file], null, report);

        Assert.Contains(@"legacy: Basic as EXAMPLE\_SMP_IUSR", report.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Doctor-Secret-1", report.ToString(), StringComparison.Ordinal);
        Assert.True(code == 0, report.ToString());
    }

    private static string[] Base(string address = "http://127.0.0.1:8081/") =>
        ["check-config", "--Gateway:Audience=http://127.0.0.1:8080", $"--ReverseProxy:Clusters:legacy:Destinations:primary:Address={address}"];

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await GatewayCli.RunAsync(args, output, error);
        return (exit, output + error.ToString());
    }
}
