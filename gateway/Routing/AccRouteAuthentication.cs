using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Smp.Gateway.Acc;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Identity;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Routing;

/// <summary>
/// <see cref="RouteAuthMode.Acc"/>: ACC Basic only (§11), for package codebases that tokens cannot serve (UNC); the
/// server behind is sent the agent's Basic credentials. Also the Basic half of <see cref="TokenOrAccRouteAuthentication"/>.
/// </summary>
internal sealed class AccRouteAuthentication : IRouteAuthentication
{
    private static readonly AuthenticationOutcome AccRequired = new(401, NsError.AccRequired) { OfferBasic = true, OfferToken = false };

    public async ValueTask<bool> AuthenticateAsync(HttpContext context, GatewayOptions options)
    {
        if (options.Acc.Enabled && CredentialsParser.IsBasic(context.Request.Headers.Authorization))
        {
            var step = await BasicAsync(context, options, accOnly: true);
            if (step != RouteStep.Pass)
            {
                return step == RouteStep.Forward;
            }
        }

        ConnectionAuthentication.EndOnFailedCredential(context);
        context.Features.Set(AccRequired);
        await context.ChallengeAsync(AccDefaults.AuthenticationScheme);
        return false;
    }

    /// <summary>
    /// A <c>Basic</c> header answered by the ACC scheme, which reads it; <see cref="RouteStep.Pass"/> when it is not
    /// well-formed. On a route that takes ACC alone (<paramref name="accOnly"/>, UNC codebases) the server behind is
    /// sent the credentials, and a 401 offers no <c>SMPToken</c>.
    /// </summary>
    public async ValueTask<RouteStep> BasicAsync(HttpContext context, GatewayOptions options, bool accOnly)
    {
        var acc = await context.AuthenticateAsync(AccDefaults.AuthenticationScheme);
        if (acc.Succeeded)
        {
            string? passThrough = accOnly ? PassThrough(context, acc.Principal!, options.Acc.Rotation) : null;
            context.Features.Set(new ForwardedIdentity(AuthKind.Acc, acc.Principal!.Identity!.Name!, null, passThrough));
            return RouteStep.Forward;
        }

        if (acc.None)
        {
            return RouteStep.Pass;
        }

        if (context.Features.Get<AuthenticationOutcome>() is { } refused && refused.OfferToken == accOnly)
        {
            context.Features.Set(refused with { OfferToken = !accOnly });
        }

        ConnectionAuthentication.Clear(context);
        await context.ChallengeAsync(AccDefaults.AuthenticationScheme);
        return RouteStep.Refused;
    }

    /// <summary>
    /// The Basic credentials as the agent sent them; during a rotation, an agent still on the previous password
    /// is forwarded with the new one (<c>Gateway:Acc:Rotation:CurrentPassword</c>), which the server behind already has.
    /// </summary>
    private static string PassThrough(HttpContext context, ClaimsPrincipal principal, AccRotationOptions rotation)
    {
        if (principal.FindFirst(AccDefaults.PreviousPasswordClaim) is { } user && rotation.CurrentPassword.Length > 0)
        {
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user.Value + ":" + rotation.CurrentPassword));
        }

        return context.Request.Headers.Authorization.ToString();
    }
}
