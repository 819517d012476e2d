using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Smp.Gateway.Authentication;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// Upgrades (§7): once a server answers 101, the bytes between agent and server pass unchecked, so a
/// route takes them only when its <c>Metadata:SmpUpgrade</c> is <c>WebSocket</c>. Elsewhere an upgrade,
/// HTTP/1.1's <c>Connection: Upgrade</c> or HTTP/2's extended CONNECT, is refused with 400
/// <c>upgrade-not-allowed</c>: the request is well formed, but this route does not take it, and an agent
/// must not discard its token over it (as it would on a 403).
/// </summary>
internal static class RouteUpgrades
{
    public const string MetadataKey = "SmpUpgrade";
    public const string WebSocket = "WebSocket";

    public static bool IsAllowed(RouteConfig route) =>
        route.Metadata is not null && route.Metadata.TryGetValue(MetadataKey, out var value) && value == WebSocket;

    /// <summary>A value of <c>SmpUpgrade</c> other than <c>WebSocket</c>, naming the key; null when none.</summary>
    public static string? Check(RouteConfig route) =>
        route.Metadata is not null && route.Metadata.TryGetValue(MetadataKey, out var value) && value != WebSocket
            ? $"ReverseProxy:Routes:{route.RouteId}:Metadata:{MetadataKey}: '{value}' is not {WebSocket} (the only upgrade a route may allow)."
            : null;

    public static bool IsRequested(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
        || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;

    /// <summary>
    /// Whether the upgrade asked for is WebSocket: HTTP/1.1's one <c>Upgrade: websocket</c>, HTTP/2's
    /// <c>:protocol</c> websocket. A WebSocket route must not become a raw tunnel for another protocol (h2c, anything).
    /// </summary>
    public static bool IsWebSocketRequested(HttpContext context)
    {
        var connect = context.Features.Get<IHttpExtendedConnectFeature>();
        if (connect?.IsExtendedConnect == true)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        var upgrade = context.Request.Headers.Upgrade;
        return upgrade.Count == 1 && string.Equals(upgrade[0]?.Trim(), "websocket", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>400 <c>upgrade-not-allowed</c>; like every 400 on a connection, it ends the connection's authentication (§8).</summary>
    public static Task RefuseAsync(HttpContext context, ILogger logger, string routeId, string reason)
    {
        ConnectionAuthentication.Clear(context);
        GatewayLog.UpgradeRefused(logger, routeId, context.Connection.RemoteIpAddress?.ToString(), reason);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers[NsError.HeaderName] = NsError.UpgradeNotAllowed;
        return Task.CompletedTask;
    }
}
