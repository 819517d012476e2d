using Yarp.ReverseProxy.Configuration;

namespace Smp.AgentSim.Bench;

/// <summary>
/// The baseline: YARP with the gateway's catch-all route to the legacy server, its default
/// transforms and pipeline, and no authentication. Hosted like the gateway (WebApplication,
/// Kestrel, logging at Warning), in this process.
/// </summary>
internal static class PlainYarpHost
{
    /// <summary>Plain YARP at <paramref name="url"/> (HTTP/1.1) and, when given, at <paramref name="h2cUrl"/> (HTTP/2 only, h2c), as the bench's gateway.</summary>
    public static WebApplication Build(string url, string legacyUrl, string? h2cUrl = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        // Nothing from the working folder (its appsettings.json is the gateway's) or the environment.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kestrel:Endpoints:Http:Url"] = url }.WithH2c(h2cUrl));
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        RouteConfig[] routes = [new RouteConfig { RouteId = "legacy", ClusterId = "legacy", Match = new RouteMatch { Path = "{**catch-all}" } }];
        ClusterConfig[] clusters =
        [
            new ClusterConfig
            {
                ClusterId = "legacy",
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = legacyUrl + "/" } },
            },
        ];
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

        WebApplication app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
