using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.State;

namespace Smp.Gateway.Administration;

/// <summary>
/// The server's own service container, for an admin subcommand: built by <see cref="GatewayApp.Build"/> from the
/// same configuration, validated, and connected to Redis as at start, but never started, so nothing listens.
/// The log goes to standard error, leaving standard output to the command's answer.
/// </summary>
internal sealed class AdminSession : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> Overrides = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:" + LogCategories.Administration] = "Information",
        ["Logging:LogLevel:" + LogCategories.LongLivedTokens] = "Information",
        ["Logging:LogLevel:" + LogCategories.ServerKeys] = "Information",
        ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
    };

    private readonly WebApplication _app;

    private AdminSession(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public GatewayOptions Options => Services.GetRequiredService<IOptions<GatewayOptions>>().Value;

    public GatewayAdministration Administration => Services.GetRequiredService<GatewayAdministration>();

    public bool IsRedis => Options.State.IsRedis;

    /// <summary>
    /// Builds and checks the container as the server's start does; throws <see cref="Hosting.ConfigurationInvalidException"/>
    /// listing every problem of a bad configuration.
    /// </summary>
    public static async Task<AdminSession> OpenAsync(AdminArguments args, CancellationToken cancellationToken)
    {
        var app = await Hosting.ConfigurationValidation.BuildCheckedAsync(args.HostArgs, a => GatewayApp.BuildServices(a, Overrides));
        var session = new AdminSession(app);
        try
        {
            _ = session.Options;
            if (app.Services.GetService<RedisConnection>() is { } redis)
            {
                await redis.ConnectAsync(cancellationToken);
            }

            foreach (var store in app.Services.GetServices<IStoreInitialization>())
            {
                await store.InitializeAsync(cancellationToken);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>When a running gateway sees a change made here.</summary>
    public string SeenBy => IsRedis
        ? "Every node sees it at once (shared Redis)."
        : $"A running gateway on this data folder sees it within {Agents.SqliteAgentStore.ChangeCheckPeriod.TotalSeconds:0} s.";

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
