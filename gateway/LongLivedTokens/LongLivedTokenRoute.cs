using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>What a token route does with <c>Authorization: Bearer</c>: authenticate with <c>SmpBearer</c>, then forward or refuse.</summary>
internal static class LongLivedTokenRoute
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, GatewayOptions options)
    {
        var result = await context.AuthenticateAsync(LongLivedTokenDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            // A failed credential ends the connection's token authentication too (§7).
            Authentication.ConnectionAuthentication.Clear(context);
            await context.ChallengeAsync(LongLivedTokenDefaults.AuthenticationScheme);
            return;
        }

        bool push = result.Principal!.FindFirst(LongLivedTokenDefaults.KindClaim)!.Value == nameof(LongLivedTokenKind.PushInstall);
        var o = options.LongLivedTokens;
        string configured = push ? o.PushInstallIdentity : o.AsdkIdentity;
        string identity = string.IsNullOrWhiteSpace(configured) ? options.Identity.ServiceIdentity : configured;
        context.Features.Set(new ForwardedIdentity(push ? AuthKind.PushInstall : AuthKind.Asdk, identity, null));
        await next(context);
    }
}
