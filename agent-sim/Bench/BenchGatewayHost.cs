using Smp.AgentSim.Demo;
using Smp.Gateway;

namespace Smp.AgentSim.Bench;

/// <summary>
/// The gateway as <c>bench</c> measures it: built by <see cref="GatewayApp.Build"/> like the real
/// one, keeping connection authentication (§7), rate limits lifted, logging at Warning. A second
/// route, <see cref="AnonymousPrefix"/>, reaches the same server with <c>SmpAuth: Anonymous</c>:
/// measured with <c>--breakdown</c>, it separates what the proxying costs from what the
/// authentication costs.
/// </summary>
internal static class BenchGatewayHost
{
    public const string AnonymousPrefix = "/bench-anonymous";

    public static WebApplication Build(string url, string legacyUrl, string dataDirectory, string enrollmentSecret, bool anonymousRoute) =>
        GatewayApp.Build([], Settings(url, legacyUrl, dataDirectory, enrollmentSecret, anonymousRoute));

    /// <summary>The settings of the measured gateway, in process or written to its <c>--config</c> file.</summary>
    internal static Dictionary<string, string?> Settings(string url, string legacyUrl, string dataDirectory, string enrollmentSecret, bool anonymousRoute)
    {
        Dictionary<string, string?> settings = Settings(url, legacyUrl, dataDirectory, enrollmentSecret);
        if (anonymousRoute)
        {
            // Only with --breakdown: the gateway measured otherwise has exactly its one route.
            settings["ReverseProxy:Routes:bench-anonymous:ClusterId"] = "legacy";
            settings["ReverseProxy:Routes:bench-anonymous:Match:Path"] = AnonymousPrefix + "/{**rest}";
            settings["ReverseProxy:Routes:bench-anonymous:Metadata:SmpAuth"] = "Anonymous";
            settings["ReverseProxy:Routes:bench-anonymous:Transforms:0:PathRemovePrefix"] = AnonymousPrefix;
        }

        return settings;
    }

    internal static Dictionary<string, string?> Settings(string url, string legacyUrl, string dataDirectory, string enrollmentSecret) =>
        LoopbackGatewaySettings.For(url, legacyUrl, dataDirectory, enrollmentSecret).With(new Dictionary<string, string?>
        {
            ["Gateway:Connection:KeepAuthentication"] = "true",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Yarp"] = "Warning",
        });
}
