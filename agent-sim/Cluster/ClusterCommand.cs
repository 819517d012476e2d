using Smp.AgentSim.Bench;
using Smp.AgentSim.Cli;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Cluster;

/// <summary>
/// <c>agent-sim cluster</c>: redis-server, N gateway nodes from the published build and nginx in front, a fleet of
/// agents through nginx while a node is killed, Redis stalled and restarted and agents revoked. Exit code 0 when
/// the verdict passed.
/// </summary>
internal static class ClusterCommand
{
    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        string build = arguments.String("--gateway-build") is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;
        var options = new ClusterOptions
        {
            GatewayBuild = build,
            Nodes = arguments.Int("--nodes", 3, 1, 16),
            Agents = arguments.Int("--agents", 100_000, 4, 100_000),
            AgentsPerKey = arguments.Int("--agents-per-key", 50, 1, 100_000),
            Duration = TimeSpan.FromSeconds(arguments.Int("--duration", 600, 20, 86_400)),
            Concurrency = arguments.Int("--concurrency", 64, 1, 4096),
            Revocations = arguments.Int("--revoke", 10, 0, 1_000),
            Stall = TimeSpan.FromSeconds(arguments.Int("--stall", 3, 1, 60)),
            Hierarchy = arguments.Flag("--hierarchy"),
            RedisKill = arguments.Flag("--redis-kill"),
            KeyFolder = arguments.String("--keys") is { Length: > 0 } keys ? keys : Path.Combine(".data", "agent-keys"),
            Progress = Console.Error,
        };
        string? jsonFile = arguments.String("--json");
        string? htmlFile = arguments.String("--html");
        LogSettings logs = LogSettings.Read(arguments);
        arguments.EnsureAllRead();
        if (ExecutableSearch.Find(NginxHost.Executable) is null || ExecutableSearch.Find(Cluster.RedisProcess.Executable) is null)
        {
            await Console.Error.WriteLineAsync("agent-sim cluster: needs nginx and redis-server on the PATH (apt-get install nginx redis-server).").ConfigureAwait(false);
            return 1;
        }

        using ILoggerFactory loggerFactory = logs.CreateLoggerFactory();
        options = options with { LoggerFactory = loggerFactory };
        await Console.Error.WriteLineAsync(
            $"Cluster: {options.Nodes} nodes from {options.GatewayBuild}, {options.Agents} agents ({options.AgentsPerKey} per key), {options.Concurrency} at once, {options.Duration.TotalSeconds:0} s; faults at 20 % (node killed), 30 % ({options.Revocations} revoked), 45 % (Redis stalled {options.Stall.TotalSeconds:0} s){(options.Hierarchy ? ", 55 % (a Site added)" : "")}, 70 % (Redis {(options.RedisKill ? "killed" : "restarted")}).")
            .ConfigureAwait(false);
        ClusterResult result;
        try
        {
            result = await new ClusterRunner(options).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EnrollmentException or HttpRequestException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"agent-sim cluster: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("agent-sim cluster: interrupted").ConfigureAwait(false);
            return 130;
        }

        ClusterReport.Write(Console.Out, result);
        if (jsonFile is not null)
        {
            using FileStream stream = File.Create(jsonFile);
            ClusterReport.WriteJson(stream, result);
        }

        if (htmlFile is not null)
        {
            ClusterReport.WriteHtml(htmlFile, result, $"agent-sim cluster: {options.Nodes} nodes, {options.Agents} agents, {options.Duration.TotalSeconds:0} s");
        }

        return result.Verdict.Passed ? 0 : 1;
    }
}
