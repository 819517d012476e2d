using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Authentication;

/// <summary>
/// The <c>SMPToken</c> scheme (§7, §8). It only speaks the protocol: no credentials give
/// <c>NoResult</c>, a hello or a refused proof give <c>Fail</c> with the outcome the challenge writes.
/// A connection already authenticated is resumed by the route (<see cref="ConnectionResumption"/>), not here.
/// </summary>
internal sealed class SmpTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ProofValidator validator,
    IAgentTokenSource tokens,
    ChallengeWriter challenges,
    SmpTokenRefusal refusals,
    GatewayMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private readonly ILogger _log = loggerFactory.CreateLogger(LogCategories.Token);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credentials = CredentialsParser.Parse(Request.Headers.Authorization);
        try
        {
            return credentials.Kind switch
            {
                CredentialKind.Hello => await HelloAsync(credentials.AgentId!, credentials.Uid!),
                CredentialKind.Proof => await ProofAsync(credentials.Proof!),
                CredentialKind.Malformed when IsSmpToken() => Refuse(new AuthenticationOutcome(401, NsError.Malformed), null, null),
                _ => AuthenticateResult.NoResult(),
            };
        }
        catch (StateUnavailableException e)
        {
            return AuthenticateResult.Fail(refusals.StoreUnavailable(Context, e, credentials.AgentId));
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, null);
        return challenges.WriteAsync(Context, outcome);
    }

    private string Source => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private bool IsSmpToken() =>
        Request.Headers.Authorization.ToString().StartsWith(SmpTokenDefaults.AuthenticationScheme, StringComparison.OrdinalIgnoreCase);

    private async Task<AuthenticateResult> HelloAsync(string agentId, string uid)
    {
        using var activity = GatewayActivities.Source.StartActivity("smp.hello");
        activity?.SetTag(GatewayActivities.Agent, agentId);
        var result = await HelloStepsAsync(agentId, uid);
        GatewayActivities.SetOutcome(activity, Context.Features.Get<AuthenticationOutcome>()?.Error);
        return result;
    }

    private async Task<AuthenticateResult> HelloStepsAsync(string agentId, string uid)
    {
        if (!AgentId.IsValid(agentId) || !ProofParser.IsUid(uid))
        {
            return Refuse(new AuthenticationOutcome(401, NsError.Malformed), agentId, null);
        }

        // Unknown (401), revoked (403), over the rate limits (429), or at a Site with no token and no Issuer to ask (503).
        var grant = await tokens.GetAsync(agentId, uid, null, Source, Context.RequestAborted);
        if (grant.Token is null)
        {
            return Refuse(new AuthenticationOutcome(grant.Status, grant.Error) { RetryAfter = grant.RetryAfter }, agentId, null);
        }

        Context.Features.Set(new AuthenticationOutcome(401, null, grant.Token));
        metrics.Authentication(SmpTokenDefaults.AuthenticationScheme, "hello");
        return AuthenticateResult.Fail("SMPToken hello: token issued.");
    }

    private async Task<AuthenticateResult> ProofAsync(string proof)
    {
        var result = await validator.ValidateAsync(proof, Source, Context.RequestAborted);
        var claims = result.Claims;
        if (result.Succeeded)
        {
            GatewayLog.ProofAccepted(_log, claims.Sub!, claims.Jti);
            long skew = (long)gatewayOptions.CurrentValue.Tokens.ClockSkew.TotalSeconds;
            if (gatewayOptions.CurrentValue.Connection.KeepAuthentication)
            {
                ConnectionAuthentication.Set(Context, new ConnectionAuthentication.State(claims.Sub!, claims.Jkt, claims.Jti, claims.Exp + skew));
            }

            metrics.Authentication(SmpTokenDefaults.AuthenticationScheme, "accepted");
            return Success(claims.Sub!, claims.Jti, claims.Exp + skew, claims.Jkt, result.Counter);
        }

        string? fresh = result.Status == 401 ? await FreshTokenAsync(result) : null;
        return Refuse(new AuthenticationOutcome(result.Status, result.Error, fresh), claims.Sub, claims.Jti);
    }

    /// <summary>
    /// A 401 carries a fresh token when the agent and <c>uid</c> could be read and the agent is active:
    /// bound to the enrolled key, it is worth nothing to anyone else (§8).
    /// </summary>
    private async Task<string?> FreshTokenAsync(ProofValidationResult result)
    {
        string? sub = result.Claims.Sub, uid = result.Claims.Uid;
        if (sub is null || uid is null || !AgentId.IsValid(sub) || !ProofParser.IsUid(uid))
        {
            return null;
        }

        // Over the rate limits the refusal still answers, with the bare challenge.
        return (await tokens.GetAsync(sub, uid, result.Agent, Source, Context.RequestAborted)).Token;
    }

    private AuthenticateResult Refuse(AuthenticationOutcome outcome, string? agentId, string? jti) =>
        AuthenticateResult.Fail(refusals.Refuse(Context, outcome, agentId, jti));

    private AuthenticateResult Success(string agentId, string jti, long expiresAt, string jkt, long counter)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, agentId), new Claim(SmpTokenDefaults.AgentClaim, agentId), new Claim(SmpTokenDefaults.TokenIdClaim, jti),
             new Claim(SmpTokenDefaults.ExpiresClaim, expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new Claim(SmpTokenDefaults.KeyThumbprintClaim, jkt),
             new Claim(SmpTokenDefaults.ProofIdClaim, jti + ":" + counter.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SmpTokenDefaults.AuthenticationScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SmpTokenDefaults.AuthenticationScheme));
    }
}
