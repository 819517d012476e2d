using Microsoft.Extensions.DependencyInjection;
using Smp.Gateway.Configuration;
using Smp.Gateway.State;

namespace Smp.Gateway.Agents;

internal static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// The enrolled agents: in Redis, or in the node's SQLite file. With Redis the embedded store is not
    /// registered at all, so nothing can fall back to it; a misspelt <c>Redis</c> stops the start in
    /// <see cref="GatewayOptionsValidator"/> rather than running on the file.
    /// </summary>
    public static IServiceCollection AddAgentStore(this IServiceCollection services, StateOptions state)
    {
        if (state.IsRedis)
        {
            services.AddSingleton<IAgentStore, RedisAgentStore>();
        }
        else
        {
            services.AddSingleton<SqliteAgentStore>();
            services.AddSingleton<IAgentStore>(s => s.GetRequiredService<SqliteAgentStore>());
            // Its revocations loaded at start, before the first proof (it opens the file first if need be).
            services.AddSingleton<IStoreInitialization>(s => s.GetRequiredService<SqliteAgentStore>());
        }

        return services;
    }
}
