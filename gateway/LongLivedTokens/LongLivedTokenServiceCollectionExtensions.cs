using Microsoft.Extensions.DependencyInjection;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.LongLivedTokens;

internal static class LongLivedTokenServiceCollectionExtensions
{
    /// <summary>The long-lived tokens: in Redis, or beside the agents in the node's SQLite file; never both.</summary>
    public static IServiceCollection AddLongLivedTokenStore(this IServiceCollection services, StateOptions state)
    {
        if (state.IsRedis)
        {
            services.AddSingleton<ILongLivedTokenStore, RedisLongLivedTokenStore>();
        }
        else
        {
            services.AddSingleton<ILongLivedTokenStore, SqliteLongLivedTokenStore>();
        }

        return services;
    }
}
