using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Smp.Gateway.Authentication;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Acc;

/// <summary>The ACC services and scheme: the directory (LDAP when <c>Gateway:Acc:Directory:Url</c> is set, else the hashed accounts), its guard, the shield.</summary>
internal static class AccServiceCollectionExtensions
{
    /// <summary>The directory and the shield's store are chosen here, once, from the configuration the host is built with.</summary>
    public static IServiceCollection AddAcc(this IServiceCollection services, IConfiguration configuration, StateOptions state)
    {
        services.AddSingleton<AccCredentialValidator>();
        // Gateway:Acc:Directory:Url, as its options bind it (a string, empty by default).
        if (configuration[$"{GatewayOptions.SectionName}:Acc:Directory:{nameof(AccDirectoryOptions.Url)}"] is { Length: > 0 })
        {
            services.AddSingleton<IAccDirectory, LdapAccDirectory>();
        }
        else
        {
            services.AddSingleton<IAccDirectory, ConfiguredAccDirectory>();
        }

        services.AddSingleton<DirectoryGuard>();
        // The shared store's shield when Gateway:State chose Redis, else one in memory.
        if (state.IsRedis)
        {
            services.AddSingleton<IShieldStore, RedisShieldStore>();
        }
        else
        {
            services.AddSingleton<IShieldStore, MemoryShieldStore>();
        }

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
