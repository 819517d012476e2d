using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Administration;

/// <summary><c>gateway check-config</c>: every problem at once, each naming its key; exit 2, or 0 when the gateway would start.</summary>
public sealed class ConfigCheckCommandTests
{
    [Fact]
    public async Task CheckConfig_SeveralBadKeys_PrintsEveryOneAndExitsTwo()
    {
        using var folder = new TempFolder();
        string file = AdminCli.WriteConfig(Path.Combine(folder.Path, "bad.json"), new Dictionary<string, string?>
        {
            ["Gateway:Audience"] = "not a url",
            ["Gateway:DataDirectory"] = folder.Path,
            ["Gateway:Tokens:Lifetime"] = "30.00:00:00",
            ["Gateway:Replay:Window"] = "500",
            ["Gateway:LongLivedTokens:PushInstallPaths:0"] = "relative",
            ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "Bogus",
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Path.Combine(folder.Path, "missing.pem"),
        });

        var (exit, output) = await new AdminCli(file).RunAsync("check-config");

        Assert.Equal(2, exit);
        foreach (string key in new[]
        {
            "Gateway:Audience:", "Gateway:Tokens:Lifetime:", "Gateway:Replay:Window:", "Gateway:LongLivedTokens:PushInstallPaths:0:",
            "ReverseProxy:Routes:legacy:Metadata:SmpAuth:", "Kestrel:Endpoints:Https:Certificate:Path:",
        })
        {
            Assert.Contains(key, output);
        }
    }

    [Fact]
    public async Task CheckConfig_WindowsRouteWithoutKeytab_NamesTheRouteAndTheKey()
    {
        using var folder = new TempFolder();
        string file = AdminCli.WriteConfig(Path.Combine(folder.Path, "windows.json"), new Dictionary<string, string?>
        {
            ["Gateway:Audience"] = "https://ns.example.com",
            ["Gateway:DataDirectory"] = folder.Path,
            ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "TokenOrWindows",
        });

        var (exit, output) = await new AdminCli(file).RunAsync("check-config");

        Assert.Equal(2, exit);
        Assert.Contains("ReverseProxy:Routes:legacy:Metadata:SmpAuth: 'TokenOrWindows' needs Gateway:Windows:Keytab", output);
    }

    [Fact]
    public async Task CheckConfig_ExampleFile_ExitsZero()
    {
        string example = Path.Combine(Configuration.ExampleConfigurationTests.RepositoryRoot(), "config", "gateway.example.json");
        var (exit, output) = await new AdminCli(example).RunAsync("check-config");
        Assert.Equal(0, exit);
        Assert.Contains("valid", output);
    }

    [Fact]
    public async Task CheckConfig_MissingFile_ExitsTwo()
    {
        var (exit, output) = await new AdminCli("/nonexistent/gateway.json").RunAsync("check-config");
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", output);
    }
}
