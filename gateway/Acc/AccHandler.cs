using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Acc;

/// <summary>
/// The ACC scheme: HTTP Basic with the Agent Connectivity Credential (§11), over TLS unless configured otherwise.
/// The one reader of a request's Basic credentials: anything that is not well-formed Basic gives <c>NoResult</c>.
/// </summary>
internal sealed class AccHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    AccAuthenticator authenticator,
    ChallengeWriter challenges)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private readonly ILogger _log = loggerFactory.CreateLogger(LogCategories.Acc);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credentials = CredentialsParser.Parse(Request.Headers.Authorization);
        if (credentials.Kind != CredentialKind.Basic)
        {
            return AuthenticateResult.NoResult();
        }

        string remote = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!Request.IsHttps && !gatewayOptions.CurrentValue.Acc.AllowPlainHttp)
        {
            Context.Features.Set(new AuthenticationOutcome(403, NsError.AccOverPlainHttp));
            GatewayLog.RequestRefused(_log, NsError.AccOverPlainHttp, 403, remote,
                "Basic credentials over plain HTTP; use HTTPS, or set Gateway:Acc:AllowPlainHttp.");
            return AuthenticateResult.Fail(NsError.AccOverPlainHttp);
        }

        var verdict = await authenticator.AuthenticateAsync(credentials.User!, credentials.Password!, remote, Request.Headers.UserAgent.ToString());
        if (!verdict.Accepted)
        {
            Context.Features.Set(new AuthenticationOutcome(verdict.Status, verdict.Error) { OfferBasic = true, RetryAfter = verdict.RetryAfter });
            return AuthenticateResult.Fail(verdict.Error!);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, verdict.Account!)], AccDefaults.AuthenticationScheme);
        if (verdict.PreviousPassword)
        {
            identity.AddClaim(new Claim(AccDefaults.PreviousPasswordClaim, credentials.User!));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AccDefaults.AuthenticationScheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, NsError.AccRequired) { OfferBasic = true };
        return challenges.WriteAsync(Context, outcome);
    }
}
