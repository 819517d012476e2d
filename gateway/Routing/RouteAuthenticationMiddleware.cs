using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// Runs in YARP's pipeline, after the route is chosen: applies the route's way of authenticating, chosen once for the
/// route (<see cref="RouteAuthentications"/>), and, when it passes, sends the request on with the identity the
/// transforms forward. Token authentication is preferred: it is offered first, and Basic only where the route accepts
/// ACC; an <c>Acc</c> route (UNC codebase) never uses tokens.
/// </summary>
internal sealed class RouteAuthenticationMiddleware(RequestDelegate next, IOptionsMonitor<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()!.Metadata.GetRequiredMetadata<IRouteAuthentication>();
        if (await route.AuthenticateAsync(context, options.CurrentValue))
        {
            await next(context);
        }
    }
}
