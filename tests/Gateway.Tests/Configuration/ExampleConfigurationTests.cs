using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Configuration;

/// <summary>The commented example in config/ is a configuration the gateway starts with, not just prose.</summary>
public sealed class ExampleConfigurationTests
{
    [Fact]
    public async Task Start_WithTheExampleFile_Serves()
    {
        string example = Path.Combine(RepositoryRoot(), "config", "gateway.example.json");
        await using var host = await GatewayHost.StartAsync(args: ["--config", example]);
        using var client = host.NewClient();
        using var response = await client.GetAsync("/.well-known/smp/keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Gateway.sln not found above the test folder.");
    }
}
