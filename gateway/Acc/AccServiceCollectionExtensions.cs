using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Acc;

/// <summary>The ACC services: the directory (LDAP when <c>Gateway:Acc:Directory:Url</c> is set, else the hashed accounts), its guard, the shield.</summary>
internal static class AccServiceCollectionExtensions
{
    public static IServiceCollection AddAcc(this IServiceCollection services, StateOptions state)
    {
        services.AddSingleton<AccCredentialValidator>();
        services.AddSingleton<IAccDirectory>(sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Acc.Directory.Url.Length > 0
            ? new LdapAccDirectory(sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>())
            : new ConfiguredAccDirectory(sp.GetRequiredService<AccCredentialValidator>()));
        services.AddSingleton<DirectoryGuard>();
        // What the shield knows is shared by the fleet when Gateway:State chose Redis, else the node's own.
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
}
