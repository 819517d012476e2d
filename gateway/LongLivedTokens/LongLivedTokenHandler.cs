using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Authentication;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.State;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>
/// The <c>SmpBearer</c> scheme: a push-install or ASDK token on a path it was issued for. Unknown 401
/// <c>credentials-invalid</c>, expired 401 <c>expired</c>, revoked 403 <c>token-revoked</c>, outside its paths
/// 403 <c>token-scope</c>. The log names the token's id, never its secret.
/// </summary>
internal sealed class LongLivedTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ILongLivedTokenStore store,
    LongLivedTokenService tokens,
    ChallengeWriter challenges,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private readonly ILogger _log = loggerFactory.CreateLogger(LogCategories.LongLivedTokens);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization.Count == 1 ? Request.Headers.Authorization[0] : null;
        if (header is null || !LongLivedTokenDefaults.IsBearer(Request.Headers.Authorization))
        {
            return AuthenticateResult.NoResult();
        }

        if (!LongLivedTokenSecret.TryParse(LongLivedTokenDefaults.Credential(header), out _, out byte[] digest))
        {
            return Refuse(401, NsError.CredentialsInvalid, null);
        }

        LongLivedToken? token;
        try
        {
            token = await store.FindAsync(digest, Context.RequestAborted);
        }
        catch (StateUnavailableException e)
        {
            GatewayLog.StateStoreUnavailable(_log, "a long-lived token check", e.Message);
            return Refuse(StatusCodes.Status503ServiceUnavailable, NsError.RegistryUnavailable, null);
        }

        // The store found it by digest; compare again in constant time so no answer depends on how much matched.
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.Digest, digest))
        {
            return Refuse(401, NsError.CredentialsInvalid, null);
        }

        if (token.Revoked)
        {
            return Refuse(403, NsError.TokenRevoked, token.Id);
        }

        if (token.IsExpired(time.GetUtcNow().ToUnixTimeSeconds()))
        {
            return Refuse(401, NsError.Expired, token.Id);
        }

        if (!tokens.PathsOf(token).Any(p => PathScope.Contains(p, Request.Path)))
        {
            return Refuse(403, LongLivedTokenDefaults.ScopeError, token.Id);
        }

        GatewayLog.LongLivedTokenAccepted(_log, token.Id, token.Kind.ToString(), LogText.Escape(Request.Path.Value ?? "/"));
        var identity = new ClaimsIdentity(
            [new Claim(LongLivedTokenDefaults.IdClaim, token.Id), new Claim(LongLivedTokenDefaults.KindClaim, token.Kind.ToString())],
            LongLivedTokenDefaults.AuthenticationScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), LongLivedTokenDefaults.AuthenticationScheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, NsError.CredentialsInvalid);
        return challenges.WriteAsync(Context, outcome);
    }

    private AuthenticateResult Refuse(int status, string code, string? id)
    {
        GatewayLog.LongLivedTokenRefused(_log, code, status, LogText.Escape(id), LogText.Escape(Request.Path.Value ?? "/"), Context.Connection.RemoteIpAddress?.ToString());
        Context.Features.Set(new AuthenticationOutcome(status, code));
        return AuthenticateResult.Fail(code);
    }
}
