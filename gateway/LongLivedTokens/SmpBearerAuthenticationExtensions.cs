using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Smp.Gateway.Authentication;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>Registers the <c>SmpBearer</c> scheme (long-lived tokens, §13), as <c>AddJwtBearer()</c> registers its own.</summary>
internal static class SmpBearerAuthenticationExtensions
{
    public static AuthenticationBuilder AddSmpBearer(this AuthenticationBuilder builder)
    {
        builder.Services.TryAddSingleton<ChallengeWriter>();
        return builder.AddScheme<AuthenticationSchemeOptions, LongLivedTokenHandler>(LongLivedTokenDefaults.AuthenticationScheme, null);
    }
}
