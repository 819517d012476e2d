using System.Globalization;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Authentication;

/// <summary>
/// Reads a request's <c>SMPToken</c> credential (§7, §8) and answers it: a hello or a refused proof leave the outcome
/// the challenge writes in the request's features, an accepted proof gives the connection's new state. Called by the
/// token routes directly, with no trip through the authentication service and no claims principal per request; the
/// scheme handler (<see cref="SmpTokenHandler"/>) calls it too.
/// </summary>
internal sealed class SmpTokenAuthenticator(
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ProofValidator validator,
    IAgentTokenSource tokens,
    SmpTokenRefusal refusals,
    GatewayMetrics metrics,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _log = loggerFactory.CreateLogger(LogCategories.Token);

    /// <summary>
    /// The accepted proof's agent, token and expiry (with the clock skew), kept as the connection's authentication when
    /// <c>Gateway:Connection:KeepAuthentication</c> is on; otherwise <see cref="SmpTokenResult.Accepted"/> is null and
    /// <see cref="SmpTokenResult.Failure"/> says why (null: no <c>SMPToken</c> credential at all).
    /// </summary>
    public async ValueTask<SmpTokenResult> AuthenticateAsync(HttpContext context)
    {
        var credentials = CredentialsParser.Parse(context.Request.Headers.Authorization);
        try
        {
            return credentials.Kind switch
            {
                CredentialKind.Hello => await HelloAsync(context, credentials.AgentId!, credentials.Uid!),
                CredentialKind.Proof => await ProofAsync(context, credentials.Proof!),
                CredentialKind.Malformed when IsSmpToken(context) => Refuse(context, new AuthenticationOutcome(401, NsError.Malformed), null, null),
                _ => default,
            };
        }
        catch (StateUnavailableException e)
        {
            return SmpTokenResult.Fail(refusals.StoreUnavailable(context, e, credentials.AgentId));
        }
    }

    private static string Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsSmpToken(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith(SmpTokenDefaults.AuthenticationScheme, StringComparison.OrdinalIgnoreCase);

    private async ValueTask<SmpTokenResult> HelloAsync(HttpContext context, string agentId, string uid)
    {
        using var activity = GatewayActivities.Source.StartActivity("smp.hello");
        activity?.SetTag(GatewayActivities.Agent, agentId);
        var result = await HelloStepsAsync(context, agentId, uid);
        GatewayActivities.SetOutcome(activity, context.Features.Get<AuthenticationOutcome>()?.Error);
        return result;
    }

    private async ValueTask<SmpTokenResult> HelloStepsAsync(HttpContext context, string agentId, string uid)
    {
        if (!AgentId.IsValid(agentId) || !ProofParser.IsUid(uid))
        {
            return Refuse(context, new AuthenticationOutcome(401, NsError.Malformed), agentId, null);
        }

        // Unknown (401), revoked (403), over the rate limits (429), or at a Site with no token and no Issuer to ask (503).
        var grant = await tokens.GetAsync(agentId, uid, null, Source(context), context.RequestAborted);
        if (grant.Token is null)
        {
            return Refuse(context, new AuthenticationOutcome(grant.Status, grant.Error) { RetryAfter = grant.RetryAfter }, agentId, null);
        }

        context.Features.Set(new AuthenticationOutcome(401, null, grant.Token));
        metrics.Authentication(SmpTokenDefaults.AuthenticationScheme, "hello");
        return SmpTokenResult.Fail("SMPToken hello: token issued.");
    }

    private async ValueTask<SmpTokenResult> ProofAsync(HttpContext context, string proof)
    {
        var result = await validator.ValidateAsync(proof, Source(context), context.RequestAborted);
        var claims = result.Claims;
        if (result.Succeeded)
        {
            GatewayLog.ProofAccepted(_log, claims.Sub!, claims.Jti);
            var options = gatewayOptions.CurrentValue;
            var state = new ConnectionAuthentication.State(claims.Sub!, claims.Jkt, claims.Jti, claims.Exp + (long)options.Tokens.ClockSkew.TotalSeconds);
            if (options.Connection.KeepAuthentication)
            {
                ConnectionAuthentication.Set(context, state);
            }

            metrics.Authentication(SmpTokenDefaults.AuthenticationScheme, "accepted");
            return new SmpTokenResult(state, null, claims.Jti + ":" + result.Counter.ToString(CultureInfo.InvariantCulture));
        }

        string? fresh = result.Status == 401 ? await FreshTokenAsync(context, result) : null;
        return Refuse(context, new AuthenticationOutcome(result.Status, result.Error, fresh), claims.Sub, claims.Jti);
    }

    /// <summary>
    /// A 401 carries a fresh token when the agent and <c>uid</c> could be read and the agent is active:
    /// bound to the enrolled key, it is worth nothing to anyone else (§8).
    /// </summary>
    private async ValueTask<string?> FreshTokenAsync(HttpContext context, ProofValidationResult result)
    {
        string? sub = result.Claims.Sub, uid = result.Claims.Uid;
        if (sub is null || uid is null || !AgentId.IsValid(sub) || !ProofParser.IsUid(uid))
        {
            return null;
        }

        // Over the rate limits the refusal still answers, with the bare challenge.
        return (await tokens.GetAsync(sub, uid, result.Agent, Source(context), context.RequestAborted)).Token;
    }

    private SmpTokenResult Refuse(HttpContext context, AuthenticationOutcome outcome, string? agentId, string? jti) =>
        SmpTokenResult.Fail(refusals.Refuse(context, outcome, agentId, jti));
}
