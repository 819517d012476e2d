using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Acc;

/// <summary>The ACC scheme: HTTP Basic with the Agent Connectivity Credential (§11), over TLS unless configured otherwise.</summary>
internal sealed class AccHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    AccCredentialValidator validator,
    ChallengeWriter challenges)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    private readonly ILogger _log = loggerFactory.CreateLogger("Smp.Gateway.Acc");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credentials = CredentialsParser.Parse(Request.Headers.Authorization);
        if (credentials.Kind != CredentialKind.Basic)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Request.IsHttps && !gatewayOptions.CurrentValue.Acc.AllowPlainHttp)
        {
            Context.Features.Set(new AuthenticationOutcome(403, NsError.AccOverPlainHttp));
            GatewayLog.RequestRefused(_log, NsError.AccOverPlainHttp, 403, Context.Connection.RemoteIpAddress?.ToString(),
                "Basic credentials over plain HTTP; use HTTPS, or set Gateway:Acc:AllowPlainHttp.");
            return Task.FromResult(AuthenticateResult.Fail(NsError.AccOverPlainHttp));
        }

        string? account = validator.Validate(credentials.User!, credentials.Password!);
        if (account is null)
        {
            Context.Features.Set(new AuthenticationOutcome(401, NsError.CredentialsInvalid) { OfferBasic = true });
            GatewayLog.AccRefused(_log, credentials.User!, Context.Connection.RemoteIpAddress?.ToString());
            return Task.FromResult(AuthenticateResult.Fail(NsError.CredentialsInvalid));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account)], AccDefaults.AuthenticationScheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AccDefaults.AuthenticationScheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Features.Get<AuthenticationOutcome>() ?? new AuthenticationOutcome(401, NsError.AccRequired) { OfferBasic = true };
        return challenges.WriteAsync(Context, outcome);
    }
}
