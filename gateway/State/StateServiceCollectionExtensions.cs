using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Smp.Gateway.Acc;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.LongLivedTokens;
using Smp.Gateway.Replay;

namespace Smp.Gateway.State;

/// <summary>Registers the stores nodes must agree on: embedded, or Redis, chosen by <c>Gateway:State:Store</c>.</summary>
internal static class StateServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Redis</c> the embedded stores are not registered at all, so nothing can fall back to them.
    /// Any other value registers the embedded stores, and one that is not <c>Embedded</c> either stops the
    /// start in <see cref="GatewayOptionsValidator"/>: a misspelt <c>Redis</c> never runs on memory.
    /// </summary>
    public static IServiceCollection AddGatewayState(this IServiceCollection services, IConfiguration configuration)
    {
        var state = configuration.GetSection($"{GatewayOptions.SectionName}:State").Get<StateOptions>() ?? new StateOptions();
        if (state.IsRedis)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<RedisEpoch>();
            services.AddHostedService<RedisEpochWatch>();
            services.AddSingleton<IAgentStore, RedisAgentStore>();
            services.AddSingleton<ILongLivedTokenStore, RedisLongLivedTokenStore>();
            services.AddSingleton<IReplayRegistry, RedisReplayRegistry>();
            services.AddSingleton<IShieldStore, RedisShieldStore>();
        }
        else
        {
            // One file, opened by an explicit step at start (IStoreInitialization), never by a constructor.
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<SqliteAgentStore>();
            services.AddSingleton<IAgentStore>(s => s.GetRequiredService<SqliteAgentStore>());
            services.AddSingleton<IStoreInitialization>(s => s.GetRequiredService<SqliteDatabase>());
            services.AddSingleton<IStoreInitialization>(s => s.GetRequiredService<SqliteAgentStore>());
            services.AddSingleton<ILongLivedTokenStore, SqliteLongLivedTokenStore>();
            services.AddSingleton<IReplayRegistry, MemoryReplayRegistry>();
        }

        return services;
    }
}
