using Smp.Gateway.Configuration;
using Smp.Gateway.State;

namespace Smp.Gateway.Agents;

internal static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// The enrolled agents, at the Issuer (a Site looks them up at the Issuer): in Redis, or in the node's SQLite file. With Redis the embedded store is not
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
            // The file opened and its revocations loaded at start, before the first proof (IStoreInitialization).
            services.AddSingleton<SqliteAgentStore>()
                .AddForwarded<IAgentStore, SqliteAgentStore>()
                .AddForwarded<IStoreInitialization, SqliteAgentStore>();
        }

        // One store, seen through each of its views: the request path's lookup, the administrator's changes, the records.
        return services.AddForwarded<IAgentLookup, IAgentStore>().AddForwarded<IAgentControl, IAgentStore>().AddForwarded<IAgentDirectory, IAgentStore>();
    }
}
