using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Smp.Gateway.Authentication;

/// <summary>
/// The <c>SMPToken</c> scheme (§7, §8): writes its challenges, and authenticates through <see cref="SmpTokenAuthenticator"/>
/// for a caller that asks the authentication service (the token routes call the authenticator directly). No credentials
/// give <c>NoResult</c>, a hello or a refused proof give <c>Fail</c> with the outcome the challenge writes.
/// A connection already authenticated is resumed by the route (<see cref="ConnectionResumption"/>), not here.
/// </summary>
internal sealed class SmpTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SmpTokenAuthenticator authenticator,
    ChallengeWriter challenges)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await authenticator.AuthenticateAsync(Context);
        return result.Accepted is { } accepted ? Success(accepted, result)
            : result.Failure is { } failure ? AuthenticateResult.Fail(failure)
            : AuthenticateResult.NoResult();
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, null);
        return challenges.WriteAsync(Context, outcome);
    }

    private static AuthenticateResult Success(ConnectionAuthentication.State accepted, SmpTokenResult result)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, accepted.AgentId), new Claim(SmpTokenDefaults.AgentClaim, accepted.AgentId), new Claim(SmpTokenDefaults.TokenIdClaim, accepted.Jti),
             new Claim(SmpTokenDefaults.ExpiresClaim, accepted.ExpiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new Claim(SmpTokenDefaults.KeyThumbprintClaim, accepted.Jkt),
             new Claim(SmpTokenDefaults.ProofIdClaim, result.ProofId!)],
            SmpTokenDefaults.AuthenticationScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SmpTokenDefaults.AuthenticationScheme));
    }
}
