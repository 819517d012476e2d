using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// Refuses a route whose <c>SmpAuth</c> is not a known mode, whose <c>SmpCodebase</c> is neither a URL nor a
/// UNC path, that matches the same requests as another route (<see cref="RouteDuplicates"/>), or that needs ACC while ACC is disabled (unless
/// <c>Gateway:Acc:UncWithoutAcc</c> is <c>Refuse</c>). At start this stops the gateway; on a reload YARP keeps the
/// previous routes and logs this message. Logs each route's access type.
/// </summary>
internal sealed class RouteAuthModeFilter(IConfiguration configuration, ILoggerFactory loggers) : IProxyConfigFilter
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Routes);

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        // Read from the configuration, not IOptionsMonitor: routes load before the options are validated, and a
        // validation failure must surface as itself, with every problem listed.
        var acc = configuration.GetSection(GatewayOptions.SectionName + ":Acc").Get<AccOptions>() ?? new AccOptions();
        string? problem = Check(route, acc, out var mode) ?? RouteDuplicates.Check(configuration, route.RouteId)
            ?? CheckWindows(route, mode, configuration[GatewayOptions.SectionName + ":Windows:Keytab"]);
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }

        string? codebase = RouteCodebases.Get(route);
        bool accEnabled = acc.Enabled;
        GatewayLog.RouteAccess(_logger, route.RouteId, codebase ?? "(none)", RouteAuthModes.AccessType(mode, accEnabled));
        if (mode == RouteAuthMode.Acc && !accEnabled)
        {
            GatewayLog.UncRouteWithoutAcc(_logger, route.RouteId, codebase ?? "(none)");
        }

        return new(route);
    }

    /// <summary>The problem with this route, naming its key; null when there is none. Also used by <c>gateway doctor</c>.</summary>
    public static string? Check(RouteConfig route, AccOptions acc, out RouteAuthMode mode)
    {
        string prefix = $"ReverseProxy:Routes:{route.RouteId}:Metadata:";
        if (!RouteAuthModes.TryGet(route, out mode))
        {
            return $"{prefix}{RouteAuthModes.MetadataKey}: '{route.Metadata![RouteAuthModes.MetadataKey]}' is not one of Token, TokenOrAcc, Acc, Anonymous, Windows, TokenOrWindows.";
        }

        string? codebase = RouteCodebases.Get(route);
        if (codebase is not null && !RouteCodebases.IsWellFormed(codebase))
        {
            return $"{prefix}{RouteCodebases.MetadataKey}: '{codebase}' is neither an http(s):// URL nor a UNC path (\\\\server\\share\\...).";
        }

        if (RouteUpgrades.Check(route) is { } upgrade)
        {
            return upgrade;
        }

        if (mode == RouteAuthMode.Acc && !acc.Enabled && acc.UncWithoutAcc != "Refuse")
        {
            return $"{prefix}{RouteCodebases.MetadataKey}: package source '{route.RouteId}' ({codebase ?? "SmpAuth Acc"}) needs ACC, but Gateway:Acc:Enabled is false. " +
                "Enable ACC, serve it over HTTP/HTTPS, or set Gateway:Acc:UncWithoutAcc to Refuse (the route then answers 401 acc-required).";
        }

        return null;
    }

    /// <summary>A route that takes Windows authentication needs the service's keytab.</summary>
    public static string? CheckWindows(RouteConfig route, RouteAuthMode mode, string? keytab) =>
        RouteAuthModes.TakesWindows(mode) && string.IsNullOrWhiteSpace(keytab)
            ? $"ReverseProxy:Routes:{route.RouteId}:Metadata:{RouteAuthModes.MetadataKey}: '{mode}' needs Gateway:Windows:Keytab, the keytab of the gateway's HTTP service principal."
            : null;
}
