using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Routing;

/// <summary>Runs in YARP's pipeline before authentication: refuses an upgrade on a route that does not allow it, and any upgrade but WebSocket (<see cref="RouteUpgrades"/>).</summary>
internal sealed class UpgradeGuard(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Routes);

    public Task InvokeAsync(HttpContext context)
    {
        if (!RouteUpgrades.IsRequested(context))
        {
            return next(context);
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        return !RouteUpgrades.IsAllowed(route)
            ? RouteUpgrades.RefuseAsync(context, _logger, route.RouteId, $"the route does not allow upgrades; set its Metadata:{RouteUpgrades.MetadataKey} to {RouteUpgrades.WebSocket} if it serves WebSockets.")
            : !RouteUpgrades.IsWebSocketRequested(context)
            ? RouteUpgrades.RefuseAsync(context, _logger, route.RouteId, $"the route allows only WebSocket upgrades, not Upgrade '{LogText.Escape(context.Request.Headers.Upgrade.ToString())}'; send Upgrade: websocket.")
            : next(context);
    }
}
