using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>Reads a route's <c>Metadata:SmpAuth</c>; a UNC <c>Metadata:SmpCodebase</c> makes the route <see cref="RouteAuthMode.Acc"/> whatever it says.</summary>
internal static class RouteAuthModes
{
    public const string MetadataKey = "SmpAuth";

    /// <summary>True for the modes that take Windows authentication.</summary>
    public static bool TakesWindows(RouteAuthMode mode) => mode is RouteAuthMode.Windows or RouteAuthMode.TokenOrWindows;

    public static bool TryGet(RouteConfig route, out RouteAuthMode mode)
    {
        string? value = route.Metadata is not null && route.Metadata.TryGetValue(MetadataKey, out var v) ? v : "Token";
        RouteAuthMode? parsed = value switch
        {
            "Token" => RouteAuthMode.Token,
            "TokenOrAcc" => RouteAuthMode.TokenOrAcc,
            "Acc" => RouteAuthMode.Acc,
            "Anonymous" => RouteAuthMode.Anonymous,
            "Windows" => RouteAuthMode.Windows,
            "TokenOrWindows" => RouteAuthMode.TokenOrWindows,
            _ => null,
        };
        mode = parsed ?? RouteAuthMode.Token;
        bool known = parsed is not null;

        // Tokens do not support UNC codebases (§11): whatever SmpAuth says, such a route needs ACC.
        if (RouteCodebases.IsUnc(RouteCodebases.Get(route)))
        {
            mode = RouteAuthMode.Acc;
        }

        return known;
    }

    /// <summary>The access type of a package server, as the console reports it: <c>Anonymous</c>, <c>Token</c>, <c>ACC,Token</c>, <c>ACC</c>, <c>Windows,Token</c> or <c>Windows</c>.</summary>
    public static string AccessType(RouteAuthMode mode, bool accEnabled) => mode switch
    {
        RouteAuthMode.Anonymous => "Anonymous",
        RouteAuthMode.TokenOrAcc when accEnabled => "ACC,Token",
        RouteAuthMode.Acc => accEnabled ? "ACC" : "none (ACC is disabled)",
        RouteAuthMode.Windows => "Windows",
        RouteAuthMode.TokenOrWindows => "Windows,Token",
        _ => "Token",
    };
}
