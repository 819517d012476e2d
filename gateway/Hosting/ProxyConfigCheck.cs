using Smp.Gateway.Configuration;
using Smp.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Hosting;

/// <summary>
/// The <c>ReverseProxy</c> section as YARP will load it: its own route and cluster validation, the routes'
/// <c>SmpAuth</c> and <c>SmpCodebase</c>, each route's cluster, and each destination's address, which YARP
/// takes as it is and fails on only when the first request is forwarded (checked on the sources as written).
/// </summary>
internal static class ProxyConfigCheck
{
    /// <param name="windowsKeytab"><c>Gateway:Windows:Keytab</c>, which routes taking Windows authentication need.</param>
    public static async Task CheckAsync(IProxyConfigProvider provider, IConfigValidator validator, AccOptions acc, List<string> problems, string? windowsKeytab = null)
    {
        IProxyConfig config;
        try
        {
            config = provider.GetConfig();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            problems.Add($"ReverseProxy: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : string.Empty)}");
            return;
        }

        foreach (var route in config.Routes)
        {
            problems.AddRange((await validator.ValidateRouteAsync(route)).Select(e => $"ReverseProxy:Routes:{route.RouteId}: {e.Message}"));
            if ((RouteAuthModeFilter.Check(route, acc, out var mode) ?? RouteAuthModeFilter.CheckWindows(route, mode, windowsKeytab)) is { } problem)
            {
                problems.Add(problem);
            }

            if (route.ClusterId is { } cluster && !config.Clusters.Any(c => c.ClusterId == cluster))
            {
                problems.Add($"ReverseProxy:Routes:{route.RouteId}:ClusterId: no cluster '{cluster}' under ReverseProxy:Clusters.");
            }
        }

        foreach (var cluster in config.Clusters)
        {
            // The upstream identity's problems name their whole key already.
            problems.AddRange((await validator.ValidateClusterAsync(cluster)).Select(e =>
                e.Message.StartsWith("ReverseProxy:", StringComparison.Ordinal) || e.Message.StartsWith("Gateway:", StringComparison.Ordinal)
                    ? e.Message
                    : $"ReverseProxy:Clusters:{cluster.ClusterId}: {e.Message}"));
        }
    }

    /// <summary>Each destination's address, from the sources as written: YARP takes any string and fails at the first request.</summary>
    public static void CheckDestinations(IConfiguration configuration, List<string> problems)
    {
        foreach (var destination in configuration.GetSection("ReverseProxy:Clusters").GetChildren().SelectMany(c => c.GetSection("Destinations").GetChildren()))
        {
            string? address = destination["Address"];
            bool valid = Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
            if (!valid)
            {
                problems.Add($"{destination.Path}:Address: '{address}' is not an http or https URL such as http://10.0.0.5:80/.");
            }
        }
    }
}
