using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Authentication;

/// <summary>Writes every refusal the same way: status, <c>X-SMP-NSError</c>, and the challenges of a 401 (§7, §8).</summary>
internal sealed class ChallengeWriter(IOptionsMonitor<GatewayOptions> options)
{
    public Task WriteAsync(HttpContext context, AuthenticationOutcome outcome)
    {
        var response = context.Response;
        response.StatusCode = outcome.Status;
        if (outcome.Error is not null)
        {
            response.Headers[NsError.HeaderName] = outcome.Error;
        }

        if (outcome.Status == StatusCodes.Status401Unauthorized)
        {
            string realm = options.CurrentValue.Realm;
            string smp = outcome.ChallengeToken is null
                ? $"{SmpTokenDefaults.AuthenticationScheme} realm=\"{realm}\""
                : $"{SmpTokenDefaults.AuthenticationScheme} token=\"{outcome.ChallengeToken}\"";
            response.Headers.WWWAuthenticate = outcome.OfferBasic ? new[] { smp, $"Basic realm=\"{realm}\"" } : smp;
        }
        else if (outcome.Status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = "1";
        }

        return Task.CompletedTask;
    }
}
