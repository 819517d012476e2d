using Smp.Gateway.Configuration;

namespace Smp.Gateway.State;

/// <summary>
/// The connection the nodes share when <c>Gateway:State:Store</c> is <c>Redis</c>, or the embedded stores' SQLite
/// file otherwise. Each feature registers its own store from the same <see cref="StateOptions"/>
/// (<c>AddAgentStore</c>, <c>AddReplayRegistry</c>, ...).
/// </summary>
internal static class StateServiceCollectionExtensions
{
    /// <summary>The state settings as the start reads them; the validator refuses a store that is neither value.</summary>
    public static StateOptions ReadStateOptions(this IConfiguration configuration) =>
        configuration.GetSection($"{GatewayOptions.SectionName}:State").Get<StateOptions>() ?? new StateOptions();

    public static IServiceCollection AddGatewayState(this IServiceCollection services, StateOptions state)
    {
        if (state.IsRedis)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<RedisEpoch>();
            services.AddHostedService<RedisEpochWatch>();
        }
        else
        {
            // The embedded stores' one file (agents, long-lived tokens), never opened by a constructor: the agent
            // store's start-up step opens it (an Issuer's); a Site, which keeps no agents, opens it on first use.
            services.AddSingleton<SqliteDatabase>();
        }

        return services;
    }
}
