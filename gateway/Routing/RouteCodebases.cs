using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// Reads a route's <c>Metadata:SmpCodebase</c>: where agents find the packages the route serves, an
/// <c>http(s)://</c> URL or a UNC path (<c>\\server\share\...</c>). Tokens cannot serve a UNC codebase, so
/// such a route is <see cref="RouteAuthMode.Acc"/> (§11).
/// </summary>
internal static class RouteCodebases
{
    public const string MetadataKey = "SmpCodebase";

    public static string? Get(RouteConfig route) =>
        route.Metadata is not null && route.Metadata.TryGetValue(MetadataKey, out var value) ? value : null;

    /// <summary><c>\\server\share</c>, optionally followed by a path.</summary>
    public static bool IsUnc(string? codebase)
    {
        if (codebase is null || !codebase.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = codebase[2..].Split('\\');
        return parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0;
    }

    public static bool IsWellFormed(string codebase) =>
        IsUnc(codebase) || (Uri.TryCreate(codebase, UriKind.Absolute, out var url) && url.Scheme is "http" or "https");
}
