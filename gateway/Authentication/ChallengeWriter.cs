using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Smp.Gateway.Configuration;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Authentication;

/// <summary>Writes every refusal the same way: status, <c>X-SMP-NSError</c>, and the challenges of a 401 (§7, §8).</summary>
internal sealed class ChallengeWriter(IOptionsMonitor<GatewayOptions> options)
{
    private const string Negotiate = "Negotiate";

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
            string basic = $"Basic realm=\"{realm}\"";
            StringValues offered = !outcome.OfferToken ? (outcome.OfferNegotiate ? StringValues.Empty : basic) : outcome.OfferBasic ? new[] { smp, basic } : smp;
            response.Headers.WWWAuthenticate = outcome.NegotiateLeg ?? (outcome.OfferNegotiate ? StringValues.Concat(offered, Negotiate) : offered);
        }
        else if (outcome.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
        {
            var after = outcome.RetryAfter ?? TimeSpan.FromSeconds(1);
            response.Headers.RetryAfter = ((long)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }
}
