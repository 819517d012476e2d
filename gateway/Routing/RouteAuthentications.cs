using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// Chooses a route's <see cref="IRouteAuthentication"/> from its <c>SmpAuth</c> (a UNC codebase making it
/// <see cref="RouteAuthMode.Acc"/>), once per route, the way YARP picks a cluster's load-balancing policy by name.
/// </summary>
internal sealed class RouteAuthentications(
    TokenRouteAuthentication token, TokenOrAccRouteAuthentication tokenOrAcc, AccRouteAuthentication acc, AnonymousRouteAuthentication anonymous,
    WindowsRouteAuthentication windows, TokenOrWindowsRouteAuthentication tokenOrWindows)
{
    public IRouteAuthentication For(RouteConfig route)
    {
        // A mode that is not known never gets here: RouteAuthModeFilter refuses the route.
        RouteAuthModes.TryGet(route, out var mode);
        return mode switch
        {
            RouteAuthMode.TokenOrAcc => tokenOrAcc,
            RouteAuthMode.Acc => acc,
            RouteAuthMode.Anonymous => anonymous,
            RouteAuthMode.Windows => windows,
            RouteAuthMode.TokenOrWindows => tokenOrWindows,
            _ => token,
        };
    }
}

/// <summary>Registers the ways of authenticating a route, and puts each route's in its endpoint's metadata.</summary>
internal static class RouteAuthenticationExtensions
{
    public static IServiceCollection AddRouteAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<BearerRouteAuthentication>();
        services.AddSingleton<TokenRouteAuthentication>();
        services.AddSingleton<AccRouteAuthentication>();
        services.AddSingleton<TokenOrAccRouteAuthentication>();
        services.AddSingleton<AnonymousRouteAuthentication>();
        services.AddSingleton<WindowsRouteAuthentication>();
        services.AddSingleton<TokenOrWindowsRouteAuthentication>();
        services.AddSingleton<RouteAuthentications>();
        return services;
    }

    /// <summary>
    /// Each route's endpoint carries its <see cref="IRouteAuthentication"/>, which <see cref="RouteAuthenticationMiddleware"/>
    /// applies. YARP builds the endpoints again when the routes are reloaded, so a changed <c>SmpAuth</c> holds at once.
    /// </summary>
    public static ReverseProxyConventionBuilder WithRouteAuthentication(this ReverseProxyConventionBuilder proxy, RouteAuthentications routes) =>
        proxy.ConfigureEndpoints((endpoint, route) => endpoint.WithMetadata(routes.For(route)));
}
