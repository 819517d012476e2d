using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.LongLivedTokens;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Routing;

/// <summary>
/// A long-lived token (§13) sent as <c>Authorization: Bearer</c> on a route that takes tokens: authenticated by
/// <c>SmpBearer</c>, then forwarded as a push-install or ASDK call, or refused.
/// </summary>
internal sealed class BearerRouteAuthentication : IRouteAuthentication
{
    /// <summary>True when the request carries one <c>Authorization: Bearer</c>: the token routes hand it here.</summary>
    public static bool Applies(HttpRequest request) => LongLivedTokenDefaults.IsBearer(request.Headers.Authorization);

    public async ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options)
    {
        var result = await context.AuthenticateAsync(LongLivedTokenDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            // A failed credential ends the connection's token authentication too (§7).
            ConnectionAuthentication.Clear(context);
            await context.ChallengeAsync(LongLivedTokenDefaults.AuthenticationScheme);
            return false;
        }

        bool push = result.Principal!.FindFirst(LongLivedTokenDefaults.KindClaim)!.Value == nameof(LongLivedTokenKind.PushInstall);
        var o = options.LongLivedTokens;
        string configured = push ? o.PushInstallIdentity : o.AsdkIdentity;
        string identity = string.IsNullOrWhiteSpace(configured) ? options.Identity.ServiceIdentity : configured;
        context.Features.Set(new ForwardedIdentity(push ? AuthKind.PushInstall : AuthKind.Asdk, identity, null));
        return true;
    }
}
