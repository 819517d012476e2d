using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 9: the embedded endpoint (127.0.0.1:8080) is a default, not an extra. A configuration that names its
/// own endpoints gets those only, seen in the running Kestrel's addresses, not by scanning ports.
/// </summary>
public sealed class ListenerTests
{
    [Fact]
    public async Task Start_ConfigFileWithItsOwnEndpoint_ListensThereOnly()
    {
        using var folder = new TempFolder();
        string url = $"http://127.0.0.1:{FreePort.Next()}";
        string config = Path.Combine(folder.Path, "gateway.json");
        await File.WriteAllTextAsync(config, $$"""{ "Kestrel": { "Endpoints": { "Main": { "Url": "{{url}}" } } } }""");

        var app = GatewayApp.Build(["--config", config], new Dictionary<string, string?>
        {
            ["Gateway:Audience"] = url,
            ["Gateway:DataDirectory"] = folder.Path,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await using (app)
        {
            await app.StartAsync();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            Assert.Equal([url], addresses);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            await app.StopAsync();
        }
    }

    [Fact]
    public void Configuration_EndpointsByLayer_EmbeddedOneOnlyWhenNoneNamed()
    {
        using var folder = new TempFolder();
        string config = Path.Combine(folder.Path, "gateway.json");
        File.WriteAllText(config, """{ "Kestrel": { "Endpoints": { "Https": { "Url": "https://127.0.0.1:8443" } } } }""");
        string empty = Path.Combine(folder.Path, "empty.json");
        File.WriteAllText(empty, """{ "Gateway": { "Realm": "SMP" } }""");

        Assert.Equal("http://127.0.0.1:8080", GatewayApp.LoadConfiguration([])["Kestrel:Endpoints:Http:Url"]);
        Assert.Equal("http://127.0.0.1:8080", GatewayApp.LoadConfiguration(["--config", empty])["Kestrel:Endpoints:Http:Url"]);
        var own = GatewayApp.LoadConfiguration(["--config", config]);
        Assert.Equal(["Https"], own.GetSection("Kestrel:Endpoints").GetChildren().Select(c => c.Key));
        Assert.Equal("32768", own["Kestrel:Limits:MaxRequestHeadersTotalSize"]);
        var fromCommandLine = GatewayApp.LoadConfiguration(["--Kestrel:Endpoints:Other:Url=http://127.0.0.1:9"]);
        Assert.Equal(["Other"], fromCommandLine.GetSection("Kestrel:Endpoints").GetChildren().Select(c => c.Key));
    }
}
