using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;
using Smp.Gateway.Windows;

namespace Smp.Gateway.Routing;

/// <summary>
/// <see cref="RouteAuthMode.Windows"/>: <c>Negotiate</c> (Kerberos, NTLM where the platform has it) bound to the
/// connection, as IIS does it. The server behind is told the service identity, <c>X-SMP-Auth: Windows</c> and the account
/// in <c>X-SMP-Agent</c>, never the client's <c>Authorization</c>. Over HTTP/2 the stream is reset with HTTP_1_1_REQUIRED.
/// Also the Windows half of <see cref="TokenOrWindowsRouteAuthentication"/>.
/// </summary>
internal sealed class WindowsRouteAuthentication(WindowsAuthenticator windows, ChallengeWriter challenges, ILoggerFactory loggers) : IRouteAuthentication
{
    /// <summary>HTTP/2's HTTP_1_1_REQUIRED (RFC 9113 §7).</summary>
    private const int Http11Required = 0xd;

    private static readonly AuthenticationOutcome Required = new(401, null) { OfferToken = false, OfferNegotiate = true };

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Windows);

    public async ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options)
    {
        if (!WindowsAuthenticator.OnHttp1(context.Request))
        {
            Reset(context);
            return false;
        }

        var authorization = context.Request.Headers.Authorization;
        if (NegotiateCredentials.Scheme(authorization) is { } scheme)
        {
            return await NegotiateAsync(context, options, scheme, offerToken: false);
        }

        if (StringValues.IsNullOrEmpty(authorization) && WindowsConnection.Find(context)?.Account is { } account)
        {
            return Forward(context, options, account);
        }

        ConnectionAuthentication.EndOnFailedCredential(context);
        await challenges.WriteAsync(context, Required);
        return false;
    }

    /// <summary>One leg of the handshake; a refusal or the next leg is written, offering <c>SMPToken</c> first when <paramref name="offerToken"/>.</summary>
    public async ValueTask<bool> NegotiateAsync(HttpContext context, GatewayOptions options, string scheme, bool offerToken)
    {
        var result = windows.Accept(context, scheme);
        if (result.Authenticated)
        {
            // A token authentication the connection held gives way to the account that authenticated last.
            ConnectionAuthentication.ClearToken(context);
            if (result.Challenge is { } last)
            {
                context.Response.OnStarting(static state =>
                {
                    var (response, value) = ((HttpResponse, string))state;
                    response.Headers.WWWAuthenticate = value;
                    return Task.CompletedTask;
                }, (context.Response, last));
            }

            return Forward(context, options, result.Account!);
        }

        if (result.Error is not null)
        {
            // A failed credential ends the connection's authentication, token and Windows (§7).
            ConnectionAuthentication.Clear(context);
        }

        await challenges.WriteAsync(context, result.Error is null
            ? new AuthenticationOutcome(401, null) { OfferToken = false, NegotiateLeg = result.Challenge }
            : new AuthenticationOutcome(result.Status, result.Error) { OfferToken = offerToken, OfferNegotiate = true });
        return false;
    }

    /// <summary>Negotiate is bound to a connection, which HTTP/2 shares between streams: refused as IIS refuses it.</summary>
    public void Reset(HttpContext context)
    {
        string route = context.GetReverseProxyFeature()?.Route.Config.RouteId ?? "(none)";
        GatewayLog.WindowsHttp2Reset(_logger, context.Request.Protocol, context.Connection.RemoteIpAddress?.ToString(), route);
        if (context.Features.Get<IHttpResetFeature>() is { } reset)
        {
            reset.Reset(Http11Required);
        }
        else
        {
            context.Abort();
        }
    }

    private static bool Forward(HttpContext context, GatewayOptions options, string account)
    {
        context.Features.Set(new ForwardedIdentity(AuthKind.Windows, options.Identity.ServiceIdentity, account));
        return true;
    }
}
