using Smp.Gateway.Configuration;

namespace Smp.Gateway.Insight;

internal static class InsightServiceCollectionExtensions
{
    /// <summary>The activity: recorded in memory on the request path, flushed to the state store (Redis or the SQLite file), read by the reports.</summary>
    public static IServiceCollection AddInsight(this IServiceCollection services, StateOptions state)
    {
        if (state.IsRedis)
        {
            services.AddSingleton<IActivityStore, RedisActivityStore>();
        }
        else
        {
            services.AddSingleton<IActivityStore, SqliteActivityStore>();
        }

        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton<ActivityFlush>().AddForwarded<IHostedService, ActivityFlush>();
        services.AddSingleton<InsightReader>();
        return services;
    }
}
