using Smp.Gateway.Cli;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hosting;

/// <summary>
/// One validation for the start, <c>check-config</c> and the admin commands: what the start would fail on is
/// listed before anything listens, each problem naming its key, and the lists are the same.
/// </summary>
public sealed class ConfigurationValidationTests
{
    [Fact]
    public async Task StartAndCheckConfig_SameBadFile_ListTheSameProblems()
    {
        using var folder = new TempFolder();
        var (cert, _) = TestCertificate.Write(folder.Path, "one");
        var (_, otherKey) = TestCertificate.Write(folder.Path, "other");
        string file = AdminCli.WriteConfig(Path.Combine(folder.Path, "bad.json"), new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:99999",
            ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{FreePort.Next()}",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = cert,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = otherKey,
            ["ReverseProxy:Clusters:legacy:Destinations:primary:Address"] = "legacy-server",
            ["Gateway:DataDirectory"] = folder.Path,
            ["Gateway:Tokens:Lifetime"] = "soon",
            ["Gateway:Tokns:Lifetime"] = "08:00:00",
        });
        string[] expected =
        [
            "Gateway:Tokens:Lifetime: 'soon' is not a time span (hh:mm:ss or d.hh:mm:ss, such as 00:05:00 or 30.00:00:00).",
            "Gateway:Tokns: is not a setting; did you mean Gateway:Tokens?",
            "Kestrel:Endpoints:Http:Url: port 99999 is outside 0 to 65535.",
            $"Kestrel:Endpoints:Https:Certificate:KeyPath: the key in '{otherKey}' is not the key of the certificate (CN=127.0.0.1): they are not a pair.",
            "ReverseProxy:Clusters:legacy:Destinations:primary:Address: 'legacy-server' is not an http or https URL such as http://10.0.0.5:80/.",
        ];

        var start = await GatewayCommand.RunAsync(folder.Path, null, "--config", file);
        var check = await GatewayCommand.RunAsync(folder.Path, null, "check-config", "--config", file);

        Assert.True(start.Exit == 2, start.ToString());
        Assert.True(check.Exit == 2, check.ToString());
        Assert.Equal(expected.Order(), Problems(start.Error));
        Assert.Equal(expected.Order(), Problems(check.Output));
        Assert.DoesNotContain("   at ", start.Output + start.Error);
    }

    [Theory]
    [InlineData("Gateway:Tokens:Lifetme", "did you mean Gateway:Tokens:Lifetime?")]
    [InlineData("Gateway:Acc:Accounts:0:Usr", "did you mean Gateway:Acc:Accounts:0:User?")]
    [InlineData("Gateway:Sites:site-a:PublicKeyFle", "did you mean Gateway:Sites:site-a:PublicKeyFile?")]
    [InlineData("Gateway:Frobnicate", "is not a setting of Gateway (Role, IssuerId,")]
    public async Task CheckConfig_UnknownKey_NamesTheNearestKnownOne(string key, string expected)
    {
        var (exit, output) = await RunAsync("check-config", $"--{key}=x", "--Gateway:Audience=http://127.0.0.1:8080");
        Assert.Equal(2, exit);
        Assert.Contains($"{key}: {(expected.StartsWith("did", StringComparison.Ordinal) ? "is not a setting; " : string.Empty)}{expected}", output);
    }

    [Fact]
    public async Task CheckConfig_SettingWithoutConfigFile_IsCheckedAsTheServerReadsIt()
    {
        // The first argument used to be dropped when there was no --config.
        var (exit, output) = await RunAsync("check-config", "--Gateway:Audience", "not-a-url");
        Assert.Equal(2, exit);
        Assert.Contains("Gateway:Audience: 'not-a-url' must be this server's public origin", output);
    }

    [Fact]
    public async Task AdminCommand_TimeSpanThatDoesNotParse_NamesTheKeyNotTheStore()
    {
        using var folder = new TempFolder();
        var (exit, output) = await RunAsync("agents", "list", $"--Gateway:DataDirectory={folder.Path}", "--Gateway:Replay:MaxEntries=lots");
        Assert.Equal(2, exit);
        Assert.Contains("The configuration is not valid: Gateway:Replay:MaxEntries: 'lots' is not a whole number.", output);
        Assert.DoesNotContain("store", output);
    }

    [Fact]
    public async Task CheckConfig_ExampleFiles_NoUnknownKey()
    {
        foreach (string name in new[] { "gateway.example.json", "gateway.https.example.json" })
        {
            string example = Path.Combine(Configuration.ExampleConfigurationTests.RepositoryRoot(), "config", name);
            var (_, output) = await RunAsync("check-config", "--config", example);
            Assert.DoesNotContain("is not a setting", output);
        }
    }

    [Fact]
    public async Task CheckConfigProbe_DirectoryAnswers_Valid()
    {
        await using var ldap = await LdapServer.StartAsync();
        var (exit, output) = await RunAsync([.. Probe(), $"--Gateway:Acc:Directory:Url={ldap.Url}", "--Gateway:Acc:Directory:Users:0=svc-acc"]);
        Assert.True(exit == 0, output);
        Assert.Contains("The directory (Gateway:Acc:Directory:Url) answers.", output);
        Assert.Equal(0, ldap.FailedBinds);
    }

    [Fact]
    public async Task CheckConfigProbe_NothingAtTheDirectoryOrRedis_NamesTheKey()
    {
        string directory = $"ldap://127.0.0.1:{FreePort.Next()}";
        var (exit, output) = await RunAsync([.. Probe(), $"--Gateway:Acc:Directory:Url={directory}", "--Gateway:Acc:Directory:Users:0=svc-acc"]);
        Assert.Equal(2, exit);
        Assert.StartsWith($"Gateway:Acc:Directory:Url: {directory} does not answer (LDAP error", output);

        (exit, output) = await RunAsync([.. Probe(), "--Gateway:State:Store=Redis", $"--Gateway:State:Redis:Configuration=127.0.0.1:{FreePort.Next()}"]);
        Assert.Equal(2, exit);
        Assert.StartsWith("Gateway:State:Redis:Configuration: no Redis answers at", output);
    }

    private static string[] Probe()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smpgw-test-" + Guid.NewGuid().ToString("N"));
        return ["check-config", "--probe", $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{FreePort.Next()}", "--Gateway:Audience=http://127.0.0.1:8080",
            $"--Gateway:DataDirectory={folder}"];
    }

    private static IEnumerable<string> Problems(string text) =>
        text.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).Order();

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await GatewayCli.RunAsync(args, output, error);
        return (exit, output + error.ToString());
    }
}
