using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>Reads a route's <c>Metadata:SmpAuth</c>.</summary>
internal static class RouteAuthModes
{
    public const string MetadataKey = "SmpAuth";

    public static bool TryGet(RouteConfig route, out RouteAuthMode mode)
    {
        mode = RouteAuthMode.Token;
        if (route.Metadata is null || !route.Metadata.TryGetValue(MetadataKey, out var value))
        {
            return true;
        }

        switch (value)
        {
            case "Token": mode = RouteAuthMode.Token; return true;
            case "TokenOrAcc": mode = RouteAuthMode.TokenOrAcc; return true;
            case "Acc": mode = RouteAuthMode.Acc; return true;
            case "Anonymous": mode = RouteAuthMode.Anonymous; return true;
            default: return false;
        }
    }
}
