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

    /// <summary>
    /// A second endpoint at <paramref name="url"/> (none when null) speaking only HTTP/2, so that a client may start
    /// with HTTP/2's preface without TLS (h2c, prior knowledge): Kestrel's default, <c>Http1AndHttp2</c>, speaks
    /// HTTP/2 only where TLS negotiates it, and answers a cleartext preface as a bad HTTP/1.1 request.
    /// </summary>
    internal static Dictionary<string, string?> WithH2c(this Dictionary<string, string?> settings, string? url)
    {
        if (url is not null)
        {
            settings[$"Kestrel:Endpoints:{H2cEndpoint}:Url"] = url;
            settings[$"Kestrel:Endpoints:{H2cEndpoint}:Protocols"] = "Http2";
        }

        return settings;
    }

    /// <summary>The name of the h2c endpoint in <c>Kestrel:Endpoints</c>.</summary>
    public const string H2cEndpoint = "H2c";

    internal static Dictionary<string, string?> Settings(string url, string legacyUrl, string dataDirectory, string enrollmentSecret) =>
        LoopbackGatewaySettings.For(url, legacyUrl, dataDirectory, enrollmentSecret).With(new Dictionary<string, string?>
        {
            ["Gateway:Connection:KeepAuthentication"] = "true",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Yarp"] = "Warning",
        });
}
