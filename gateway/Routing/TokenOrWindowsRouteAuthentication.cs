using Microsoft.Extensions.Primitives;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;
using Smp.Gateway.Windows;

namespace Smp.Gateway.Routing;

/// <summary>
/// <see cref="RouteAuthMode.TokenOrWindows"/>, during a migration: tokens preferred, Windows authentication
/// (<c>Negotiate</c>) accepted too. A 401 offers <c>SMPToken</c> first and <c>Negotiate</c> after it (over HTTP/1.x;
/// over HTTP/2 <c>SMPToken</c> only, and a <c>Negotiate</c> credential resets the stream). A connection answers as the
/// credential that last authenticated on it.
/// </summary>
internal sealed class TokenOrWindowsRouteAuthentication(WindowsRouteAuthentication windows, TokenRouteAuthentication token) : IRouteAuthentication
{
    public async ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options)
    {
        bool http1 = WindowsAuthenticator.OnHttp1(context.Request);
        var authorization = context.Request.Headers.Authorization;
        if (NegotiateCredentials.Scheme(authorization) is { } scheme)
        {
            if (!http1)
            {
                windows.Reset(context);
                return false;
            }

            return await windows.NegotiateAsync(context, options, scheme, offerToken: true);
        }

        if (StringValues.IsNullOrEmpty(authorization) && ConnectionAuthentication.Find(context)?.Current is null
            && WindowsConnection.Find(context)?.Account is { } account)
        {
            context.Features.Set(new ForwardedIdentity(AuthKind.Windows, options.Identity.ServiceIdentity, account));
            return true;
        }

        return await token.TokenAsync(context, options, offerBasic: false, offerNegotiate: http1);
    }
}
