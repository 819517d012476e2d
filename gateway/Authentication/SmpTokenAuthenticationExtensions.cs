using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Smp.Gateway.Authentication;

/// <summary>Registers the <c>SMPToken</c> scheme (§7, §8), as <c>AddJwtBearer()</c> registers its own.</summary>
internal static class SmpTokenAuthenticationExtensions
{
    /// <summary>The scheme, how it refuses and writes its challenges, and the resumption of an authenticated connection.</summary>
    public static AuthenticationBuilder AddSmpToken(this AuthenticationBuilder builder)
    {
        builder.Services.TryAddSingleton<ChallengeWriter>();
        builder.Services.TryAddSingleton<SmpTokenRefusal>();
        builder.Services.TryAddSingleton<ConnectionResumption>();
        builder.Services.TryAddSingleton<SmpTokenAuthenticator>();
        return builder.AddScheme<AuthenticationSchemeOptions, SmpTokenHandler>(SmpTokenDefaults.AuthenticationScheme, null);
    }
}
