using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// Refuses a route configuration whose <c>SmpAuth</c> is not a known mode. At start this stops the
/// gateway; on a reload YARP keeps the previous routes and logs this message.
/// </summary>
internal sealed class RouteAuthModeFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        if (!RouteAuthModes.TryGet(route, out _))
        {
            throw new InvalidOperationException(
                $"ReverseProxy:Routes:{route.RouteId}:Metadata:{RouteAuthModes.MetadataKey}: '{route.Metadata![RouteAuthModes.MetadataKey]}' " +
                "is not one of Token, TokenOrAcc, Acc, Anonymous.");
        }

        return new(route);
    }
}
