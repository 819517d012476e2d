using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
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
/// </summary>
internal sealed class SmpTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    IAgentLookup agents,
    ProofValidator validator,
    IAgentTokenSource tokens,
    ChallengeWriter challenges,
    GatewayMetrics metrics,
    TimeProvider time)
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
                CredentialKind.None => await FromConnectionAsync(),
                CredentialKind.Hello => await HelloAsync(credentials.AgentId!, credentials.Uid!),
                CredentialKind.Proof => await ProofAsync(credentials.Proof!),
                CredentialKind.Malformed when IsSmpToken() => Refuse(new AuthenticationOutcome(401, NsError.Malformed), null, null),
                _ => AuthenticateResult.NoResult(),
            };
        }
        catch (StateUnavailableException e)
        {
            // Without its store a node cannot tell a revoked agent from an active one: refuse, never guess (§9).
            GatewayLog.StateStoreUnavailable(_log, "authentication", e.Message);
            return Refuse(new AuthenticationOutcome(StatusCodes.Status503ServiceUnavailable, NsError.RegistryUnavailable), credentials.AgentId, null);
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

    private async Task<AuthenticateResult> FromConnectionAsync()
    {
        if (!gatewayOptions.CurrentValue.Connection.KeepAuthentication)
        {
            return AuthenticateResult.NoResult();
        }

        var (state, ended) = await ConnectionAuthentication.ResumeAsync(Context, agents, time);
        if (ended is not null)
        {
            // Not cleared: every later request on this connection gets the same answer until a new proof.
            var outcome = ConnectionAuthentication.Refusal(ended);
            Context.Features.Set(outcome);
            metrics.Authentication("connection", ended);
            GatewayLog.ConnectionAuthenticationEnded(_log, ended, outcome.Status, Context.Connection.Id, Source);
            return AuthenticateResult.Fail(ended);
        }

        if (state is null)
        {
            return AuthenticateResult.NoResult();
        }

        metrics.Authentication("connection", "accepted");
        return Success(state.AgentId, state.Jti, state.ExpiresAt, state.Jkt);
    }

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
            return Success(claims.Sub!, claims.Jti, claims.Exp + skew, claims.Jkt);
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

    private AuthenticateResult Refuse(AuthenticationOutcome outcome, string? agentId, string? jti)
    {
        ConnectionAuthentication.Clear(Context);
        Context.Features.Set(outcome);
        metrics.Authentication(SmpTokenDefaults.AuthenticationScheme, outcome.Error ?? "refused");
        string? remote = Context.Connection.RemoteIpAddress?.ToString();
        if (jti is null)
        {
            GatewayLog.HelloRefused(_log, outcome.Error ?? "none", LogText.Escape(agentId), remote);
        }
        else
        {
            // Refused claims are the client's own text until the signatures are checked: escaped.
            GatewayLog.ProofRefused(_log, outcome.Error ?? "none", outcome.Status, LogText.Escape(agentId), string.IsNullOrEmpty(jti) ? null : LogText.Escape(jti), remote);
        }

        return AuthenticateResult.Fail(outcome.Error ?? "refused");
    }

    private AuthenticateResult Success(string agentId, string jti, long expiresAt, string jkt)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, agentId), new Claim(SmpTokenDefaults.AgentClaim, agentId), new Claim(SmpTokenDefaults.TokenIdClaim, jti),
             new Claim(SmpTokenDefaults.ExpiresClaim, expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new Claim(SmpTokenDefaults.KeyThumbprintClaim, jkt)],
            SmpTokenDefaults.AuthenticationScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SmpTokenDefaults.AuthenticationScheme));
    }
}
