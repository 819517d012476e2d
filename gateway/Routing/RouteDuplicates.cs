namespace Smp.Gateway.Routing;

/// <summary>
/// Two routes that match the same requests (the same <c>Match:Path</c>, hosts, methods and order) make every
/// such request fail with an ambiguous match (500) instead of choosing one: a route added with <c>--config</c>
/// beside the embedded default route is the usual case. Found before the gateway serves, naming both routes.
/// </summary>
internal static class RouteDuplicates
{
    /// <summary>The problem with <paramref name="routeId"/>'s match, naming its key; null when no other route has the same one.</summary>
    public static string? Check(IConfiguration configuration, string routeId)
    {
        var routes = configuration.GetSection("ReverseProxy:Routes").GetChildren().ToList();
        var route = routes.FirstOrDefault(r => r.Key == routeId);
        if (route is null)
        {
            return null;
        }

        string match = Match(route);
        var twin = routes.FirstOrDefault(r => r.Key != routeId && Match(r) == match);
        return twin is null ? null
            : $"ReverseProxy:Routes:{routeId}:Match:Path: '{route["Match:Path"]}' is also the path of route '{twin.Key}', with the same hosts, methods and order, " +
              "so every request it matches would fail as ambiguous; give one of them another Path, Hosts, Methods or Order, or remove it " +
              "(a --config file's routes are added to the embedded default route 'legacy'; to replace that route, use the id 'legacy').";
    }

    private static string Match(IConfigurationSection route)
    {
        static string Set(IConfigurationSection section) =>
            string.Join(",", section.GetChildren().Select(c => c.Value?.ToUpperInvariant()).Order(StringComparer.Ordinal));

        var m = route.GetSection("Match");
        return string.Join("|", (m["Path"] ?? string.Empty).TrimEnd('/').ToUpperInvariant(), Set(m.GetSection("Hosts")), Set(m.GetSection("Methods")),
            m.GetSection("Headers").GetChildren().Any() || m.GetSection("QueryParameters").GetChildren().Any() ? route.Key : string.Empty, route["Order"] ?? "0");
    }
}
