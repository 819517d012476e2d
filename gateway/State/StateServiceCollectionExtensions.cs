using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Smp.Gateway.Configuration;
using Smp.Gateway.Expiry;
using Smp.Gateway.LongLivedTokens;
using Smp.Gateway.Replay;

namespace Smp.Gateway.State;

/// <summary>
/// Registers the stores nodes must agree on: embedded, or Redis, chosen by <c>Gateway:State:Store</c>. The agent
/// store is the Issuer's (<c>Composition/IssuerRole</c>) and the shield's store ACC's (<c>AddAcc</c>), each chosen by the same setting.
/// </summary>
internal static class StateServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Redis</c> the embedded stores are not registered at all, so nothing can fall back to them.
    /// Any other value registers the embedded stores, and one that is not <c>Embedded</c> either stops the
    /// start in <see cref="GatewayOptionsValidator"/>: a misspelt <c>Redis</c> never runs on memory.
    /// </summary>
    public static IServiceCollection AddGatewayState(this IServiceCollection services, StateOptions state)
    {
        if (state.IsRedis)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<RedisEpoch>();
            services.AddHostedService<RedisEpochWatch>();
            services.AddSingleton<ILongLivedTokenStore, RedisLongLivedTokenStore>();
            services.AddSingleton<IReplayRegistry, RedisReplayRegistry>();
        }
        else
        {
            services.AddSingleton<ILongLivedTokenStore, SqliteLongLivedTokenStore>();
            // In memory, its entries stay until the expiry sweep drops them.
            services.AddSingleton<MemoryReplayRegistry>()
                .AddForwarded<IReplayRegistry, MemoryReplayRegistry>()
                .AddForwarded<ISweepable, MemoryReplayRegistry>();
        }

        return services;
    }
}
