using Microsoft.Extensions.DependencyInjection;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Expiry;

namespace Smp.Gateway.Replay;

internal static class ReplayServiceCollectionExtensions
{
    /// <summary>
    /// The replay registry: shared in Redis, or the node's own in memory, whose size is a gauge. With Redis the
    /// embedded registry is not registered at all: a node never checks proofs against its own memory alone.
    /// </summary>
    public static IServiceCollection AddReplayRegistry(this IServiceCollection services, StateOptions state)
    {
        if (state.IsRedis)
        {
            services.AddSingleton<IReplayRegistry, RedisReplayRegistry>();
        }
        else
        {
            // In memory, its entries stay until the expiry sweep drops them.
            services.AddSingleton<MemoryReplayRegistry>().AddForwarded<ISweepable, MemoryReplayRegistry>();
            services.AddSingleton<IReplayRegistry>(sp =>
            {
                var registry = sp.GetRequiredService<MemoryReplayRegistry>();
                sp.GetRequiredService<GatewayMetrics>().ObserveRegistryEntries(() => registry.Count);
                return registry;
            });
        }

        return services;
    }
}
