using Microsoft.AspNetCore.Http;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Routing;

/// <summary>
/// <see cref="RouteAuthMode.TokenOrAcc"/>: tokens preferred, ACC Basic accepted too while ACC is enabled. A 401 offers
/// <c>SMPToken</c> first and <c>Basic</c> beside it.
/// </summary>
internal sealed class TokenOrAccRouteAuthentication(AccRouteAuthentication acc, TokenRouteAuthentication token) : IRouteAuthentication
{
    public ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options)
    {
        bool offerBasic = options.Acc.Enabled;
        return offerBasic && CredentialsParser.IsBasic(context.Request.Headers.Authorization)
            ? BasicAsync(context, options)
            : token.TokenAsync(context, options, offerBasic);
    }

    /// <summary>A <c>Basic</c> header that is not well-formed is answered as any other credential tokens do not take.</summary>
    private async ValueTask<bool> BasicAsync(HttpContext context, GatewayOptions options)
    {
        var step = await acc.BasicAsync(context, options, accOnly: false);
        return step == RouteStep.Pass ? await token.TokenAsync(context, options, offerBasic: true) : step == RouteStep.Forward;
    }
}
