using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.Insight;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Routing;

/// <summary>
/// Runs in YARP's pipeline, after the route is chosen: applies the route's way of authenticating, chosen once for the
/// route (<see cref="RouteAuthentications"/>), and, when it passes, sends the request on with the identity the
/// transforms forward. Token authentication is preferred: it is offered first, and Basic only where the route accepts
/// ACC; an <c>Acc</c> route (UNC codebase) never uses tokens. Each request that passes is noted in memory
/// (<see cref="ActivityRecorder"/>): who, how, from where; the store is written once a minute, not here.
/// </summary>
internal sealed class RouteAuthenticationMiddleware(RequestDelegate next, IOptionsMonitor<GatewayOptions> options, ActivityRecorder activity)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()!.Metadata.GetRequiredMetadata<IRouteAuthentication>();
        if (await route.AuthenticateAsync(context, options.CurrentValue))
        {
            if (context.Features.Get<ForwardedIdentity>() is { } identity)
            {
                activity.Record(identity.Auth, identity.AgentId, identity.Auth == AuthKind.Acc ? identity.Identity : null,
                    context.Connection.RemoteIpAddress, context.Request.Headers.UserAgent.ToString(),
                    context.GetReverseProxyFeature().Route.Config.RouteId, route is AccRouteAuthentication);
            }

            await next(context);
        }
    }
}
