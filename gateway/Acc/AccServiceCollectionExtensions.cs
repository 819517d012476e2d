using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Acc;

/// <summary>The ACC services and scheme: the directory (LDAP when <c>Gateway:Acc:Directory:Url</c> is set, else the hashed accounts), its guard, the shield.</summary>
internal static class AccServiceCollectionExtensions
{
    public static IServiceCollection AddAcc(this IServiceCollection services)
    {
        services.AddSingleton<AccCredentialValidator>();
        services.AddSingleton<IAccDirectory>(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Acc.Directory.Url.Length > 0
            ? new LdapAccDirectory(sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>())
            : new ConfiguredAccDirectory(sp.GetRequiredService<AccCredentialValidator>()));
        services.AddSingleton<DirectoryGuard>();
        // The shared store's shield when Gateway:State chose Redis (registered before), else one in memory.
        services.TryAddSingleton<IShieldStore, MemoryShieldStore>();
        services.AddSingleton<LdapLockoutReader>();
        services.AddSingleton<LockoutShield>();
        services.AddSingleton<PasswordRotation>();
        services.AddSingleton<AccMetrics>();
        services.AddSingleton<AccAuthenticator>();
        return services;
    }

    /// <summary>The ACC scheme (HTTP Basic, §11) beside the others, as <c>AddJwtBearer()</c> registers its own.</summary>
    public static AuthenticationBuilder AddAccBasic(this AuthenticationBuilder builder)
    {
        builder.Services.TryAddSingleton<ChallengeWriter>();
        return builder.AddScheme<AuthenticationSchemeOptions, AccHandler>(AccDefaults.AuthenticationScheme, null);
    }
}
