using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smp.Gateway.Acc;
using Smp.Gateway.Agents;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;
using Smp.Gateway.LongLivedTokens;
using Smp.Gateway.Tokens;
using Yarp.ReverseProxy.Model;

namespace Smp.Gateway.Routing;

/// <summary>
/// Runs in YARP's pipeline, after the route is chosen: applies the route's <c>SmpAuth</c> mode and,
/// when it passes, records the identity the transforms forward. Modes are read per request, so a
/// reloaded route takes effect at once. Token authentication is preferred: it is offered first, and
/// Basic only where the route accepts ACC; an <c>Acc</c> route (UNC codebase) never uses tokens.
/// </summary>
internal sealed class RouteAuthenticationMiddleware(
    RequestDelegate next, IOptionsMonitor<GatewayOptions> options, IAgentLookup agents, GatewayMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        RouteAuthModes.TryGet(route, out var mode);
        var o = options.CurrentValue;

        if (mode == RouteAuthMode.Anonymous)
        {
            context.Features.Set(new ForwardedIdentity(AuthKind.Anonymous, string.Empty, null));
            await next(context);
            return;
        }

        bool offerBasic = o.Acc.Enabled && mode is RouteAuthMode.TokenOrAcc or RouteAuthMode.Acc;
        // Read here only where Basic may be answered: on Token routes the scheme handler reads it once.
        var credentials = offerBasic ? CredentialsParser.Parse(context.Request.Headers.Authorization) : Credentials.None;
        if (credentials.Kind == CredentialKind.Basic)
        {
            var acc = await context.AuthenticateAsync(AccDefaults.AuthenticationScheme);
            if (acc.Succeeded)
            {
                string? passThrough = mode == RouteAuthMode.Acc ? PassThrough(context, credentials, acc.Principal!, o.Acc.Rotation) : null;
                context.Features.Set(new ForwardedIdentity(AuthKind.Acc, acc.Principal!.Identity!.Name!, null, passThrough));
                await next(context);
                return;
            }

            if (context.Features.Get<AuthenticationOutcome>() is { } refused)
            {
                refused.OfferToken = mode != RouteAuthMode.Acc;
            }

            ConnectionAuthentication.Clear(context);
            await context.ChallengeAsync(AccDefaults.AuthenticationScheme);
            return;
        }

        if (mode == RouteAuthMode.Acc)
        {
            EndOnFailedCredential(context);
            context.Features.Set(new AuthenticationOutcome(401, NsError.AccRequired) { OfferBasic = true, OfferToken = false });
            await context.ChallengeAsync(AccDefaults.AuthenticationScheme);
            return;
        }

        if (LongLivedTokenDefaults.IsBearer(context.Request.Headers.Authorization))
        {
            await LongLivedTokenRoute.InvokeAsync(context, next, o);
            return;
        }

        // An authenticated connection (§7) is the common case: answered here without a trip through
        // the authentication service, with the same check SmpTokenHandler makes.
        if (o.Connection.KeepAuthentication && context.Request.Headers.Authorization.Count == 0
            && await TryResumeAsync(context) is { } resumed)
        {
            metrics.Authentication("connection", "accepted");
            context.Features.Set(new ForwardedIdentity(AuthKind.Token, o.Identity.ServiceIdentity, resumed.AgentId, ExpiresAt: resumed.ExpiresAt, Jkt: resumed.Jkt));
            await next(context);
            return;
        }

        var result = await context.AuthenticateAsync(SmpTokenDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            string agentId = result.Principal!.FindFirst(SmpTokenDefaults.AgentClaim)!.Value;
            long expiresAt = long.Parse(result.Principal.FindFirst(SmpTokenDefaults.ExpiresClaim)!.Value, System.Globalization.CultureInfo.InvariantCulture);
            string? jkt = result.Principal.FindFirst(SmpTokenDefaults.KeyThumbprintClaim)?.Value;
            context.Features.Set(new ForwardedIdentity(AuthKind.Token, o.Identity.ServiceIdentity, agentId, ExpiresAt: expiresAt, Jkt: jkt));
            await next(context);
            return;
        }

        EndOnFailedCredential(context);
        var outcome = context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, null);
        outcome.OfferBasic = offerBasic;
        context.Features.Set(outcome);
        await context.ChallengeAsync(SmpTokenDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Any credential that fails, a scheme the route does not take included, ends the connection's
    /// authentication (§7). A request without one leaves it: its refusal may be the code it ended with.
    /// </summary>
    private static void EndOnFailedCredential(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            ConnectionAuthentication.Clear(context);
        }
    }

    /// <summary>A store that does not answer, or an ended authentication, is left to the handler, which refuses.</summary>
    private async ValueTask<ConnectionAuthentication.State?> TryResumeAsync(HttpContext context)
    {
        try
        {
            return (await ConnectionAuthentication.ResumeAsync(context, agents, time)).Resumed;
        }
        catch (StateUnavailableException)
        {
            return null;
        }
    }

    /// <summary>
    /// The Basic credentials as the agent sent them; during a rotation, an agent still on the previous password
    /// is forwarded with the new one (<c>Gateway:Acc:Rotation:CurrentPassword</c>), which the server behind already has.
    /// </summary>
    private static string PassThrough(HttpContext context, Credentials credentials, System.Security.Claims.ClaimsPrincipal principal, AccRotationOptions rotation)
    {
        if (principal.HasClaim(c => c.Type == AccDefaults.PreviousPasswordClaim) && rotation.CurrentPassword.Length > 0)
        {
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.User + ":" + rotation.CurrentPassword));
        }

        return context.Request.Headers.Authorization.ToString();
    }
}
