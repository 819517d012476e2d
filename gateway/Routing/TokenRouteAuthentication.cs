using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Primitives;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;
using Smp.Gateway.Windows;

namespace Smp.Gateway.Routing;

/// <summary>
/// <see cref="RouteAuthMode.Token"/>: <c>SMPToken</c> (§7), or a long-lived token as <c>Bearer</c>. A request without
/// credentials on an authenticated connection is answered by <see cref="ConnectionResumption"/>.
/// </summary>
internal sealed class TokenRouteAuthentication(
    ConnectionResumption connection, SmpTokenAuthenticator smpToken, BearerRouteAuthentication bearer, ILoggerFactory loggers) : IRouteAuthentication
{
    private readonly ILogger _windowsLogger = loggers.CreateLogger(LogCategories.Windows);

    public ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options) => TokenAsync(context, options, offerBasic: false);

    /// <summary>
    /// A long-lived token, else <c>SMPToken</c>; a 401 offers <c>Basic</c> beside <c>SMPToken</c> when <paramref name="offerBasic"/>,
    /// and <c>Negotiate</c> after them when <paramref name="offerNegotiate"/> (the route takes Windows authentication, which
    /// answered the <c>Negotiate</c> credentials already). Elsewhere <c>Negotiate</c> and <c>NTLM</c> are <c>401 windows-not-allowed</c>.
    /// </summary>
    public ValueTask<bool> TokenAsync(HttpContext context, GatewayOptions options, bool offerBasic, bool offerNegotiate = false)
    {
        if (BearerRouteAuthentication.Applies(context.Request))
        {
            return bearer.AuthenticateAsync(context, options);
        }

        return !offerNegotiate && NegotiateCredentials.Scheme(context.Request.Headers.Authorization) is not null
            ? RefuseWindowsAsync(context, offerBasic)
            : SmpTokenAsync(context, options, offerBasic, offerNegotiate);
    }

    private async ValueTask<bool> RefuseWindowsAsync(HttpContext context, bool offerBasic)
    {
        GatewayLog.WindowsNotAllowed(_windowsLogger, context.GetReverseProxyFeature()?.Route.Config.RouteId ?? "(none)", context.Connection.RemoteIpAddress?.ToString());
        ConnectionAuthentication.Clear(context);
        context.Features.Set(new AuthenticationOutcome(401, NsError.WindowsNotAllowed) { OfferBasic = offerBasic });
        await context.ChallengeAsync(SmpTokenDefaults.AuthenticationScheme);
        return false;
    }

    private async ValueTask<bool> SmpTokenAsync(HttpContext context, GatewayOptions options, bool offerBasic, bool offerNegotiate)
    {
        // An authenticated connection (§7) is the common case; it and a proof are answered without a trip through the
        // authentication service (a handler and a claims principal per request): only a refusal's challenge takes it.
        if (options.Connection.KeepAuthentication && StringValues.IsNullOrEmpty(context.Request.Headers.Authorization))
        {
            if (await connection.ResumeAsync(context) is { } resumed)
            {
                return Forward(context, options, resumed.AgentId, resumed.ExpiresAt, resumed.Jkt);
            }
        }
        else
        {
            var result = await smpToken.AuthenticateAsync(context);
            if (result.Accepted is { } accepted)
            {
                return Forward(context, options, accepted.AgentId, accepted.ExpiresAt, accepted.Jkt, result.ProofId);
            }
        }

        ConnectionAuthentication.EndOnFailedCredential(context);
        var outcome = context.Features.Get<AuthenticationOutcome>() ?? AuthenticationOutcome.Unauthorized;
        context.Features.Set(outcome.OfferBasic == offerBasic && outcome.OfferNegotiate == offerNegotiate
            ? outcome : outcome with { OfferBasic = offerBasic, OfferNegotiate = offerNegotiate });
        await context.ChallengeAsync(SmpTokenDefaults.AuthenticationScheme);
        return false;
    }

    private static bool Forward(HttpContext context, GatewayOptions options, string agentId, long expiresAt, string? jkt, string? proofId = null)
    {
        context.Features.Set(new ForwardedIdentity(AuthKind.Token, options.Identity.ServiceIdentity, agentId, ExpiresAt: expiresAt, Jkt: jkt, ProofId: proofId));
        return true;
    }
}
