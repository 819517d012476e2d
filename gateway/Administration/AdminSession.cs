using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Hosting;

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
        ["Logging:LogLevel:" + LogCategories.Audit] = "Information",
        ["Logging:LogLevel:" + LogCategories.LongLivedTokens] = "Information",
        ["Logging:LogLevel:" + LogCategories.ServerKeys] = "Information",
        ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
    };

    private readonly WebApplication _app;
    private readonly AdminArguments _args;

    private AdminSession(WebApplication app, AdminArguments args)
    {
        _app = app;
        _args = args;
    }

    public GatewayOptions Options => Get<HostChecks>().Options;

    public GatewayAdministration Administration => Get<GatewayAdministration>();

    public bool IsRedis => Options.State.IsRedis;

    /// <summary>
    /// Builds and checks the container as the server's start does; throws <see cref="ConfigurationInvalidException"/>
    /// listing every problem of a bad configuration.
    /// </summary>
    public static async Task<AdminSession> OpenAsync(AdminArguments args, CancellationToken cancellationToken)
    {
        var app = await ConfigurationValidation.BuildCheckedAsync(args.HostArgs, a => GatewayApp.BuildServices(a, Overrides));
        var session = new AdminSession(app, args);
        try
        {
            _ = session.Options;
            await session.Get<SharedStateConnection>().ConnectAsync(cancellationToken);

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>A service of the built host, resolved when the command asks for it (so a command opens only the stores it uses).</summary>
    public T Get<T>() where T : notnull => GatewayApp.Root<T>(_app);

    /// <summary>When a running gateway sees a change made here.</summary>
    public string SeenBy => IsRedis
        ? "Every node sees it at once (shared Redis)."
        : $"A running gateway on this data folder sees it within {Agents.SqliteAgentStore.ChangeCheckPeriod.TotalSeconds:0} s.";

    /// <summary>
    /// The audit line of a change (category <c>Smp.Gateway.Audit</c>): the operating-system user who ran the command, the
    /// command with its id, and <paramref name="result"/>. Never a secret: the words are the group, the verb and an id.
    /// </summary>
    public void Audit(string result) =>
        GatewayLog.AdminAction(Get<ILoggerFactory>().CreateLogger(LogCategories.Audit), Environment.UserName,
            $"{_args.At(0)} {_args.At(1)}", _args.At(2) ?? "", result);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
