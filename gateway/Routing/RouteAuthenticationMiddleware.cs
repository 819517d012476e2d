using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smp.Gateway.Acc;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.Tokens;
using Yarp.ReverseProxy.Model;

namespace Smp.Gateway.Routing;

/// <summary>
/// Runs in YARP's pipeline, after the route is chosen: applies the route's <c>SmpAuth</c> mode and,
/// when it passes, records the identity the transforms forward. Modes are read per request, so a
/// reloaded route takes effect at once.
/// </summary>
internal sealed class RouteAuthenticationMiddleware(RequestDelegate next, IOptionsMonitor<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        RouteAuthModes.TryGet(route, out var mode);
        var identity = options.CurrentValue.Identity;

        if (mode == RouteAuthMode.Anonymous)
        {
            context.Features.Set(new ForwardedIdentity(AuthKind.Anonymous, identity.ServiceIdentity, null));
            await next(context);
            return;
        }

        bool offerBasic = mode is RouteAuthMode.TokenOrAcc or RouteAuthMode.Acc;
        bool basic = CredentialsParser.Parse(context.Request.Headers.Authorization).Kind == CredentialKind.Basic;
        if (basic && offerBasic)
        {
            var acc = await context.AuthenticateAsync(AccDefaults.AuthenticationScheme);
            if (acc.Succeeded)
            {
                context.Features.Set(new ForwardedIdentity(AuthKind.Acc, acc.Principal!.Identity!.Name!, null));
                await next(context);
                return;
            }

            await context.ChallengeAsync(AccDefaults.AuthenticationScheme);
            return;
        }

        if (mode == RouteAuthMode.Acc)
        {
            context.Features.Set(new AuthenticationOutcome(401, NsError.AccRequired) { OfferBasic = true });
            await context.ChallengeAsync(AccDefaults.AuthenticationScheme);
            return;
        }

        var result = await context.AuthenticateAsync(SmpTokenDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            string agentId = result.Principal!.FindFirst(SmpTokenDefaults.AgentClaim)!.Value;
            context.Features.Set(new ForwardedIdentity(AuthKind.Token, identity.ServiceIdentity, agentId));
            await next(context);
            return;
        }

        var outcome = context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, null);
        outcome.OfferBasic = offerBasic;
        context.Features.Set(outcome);
        await context.ChallengeAsync(SmpTokenDefaults.AuthenticationScheme);
    }
}
