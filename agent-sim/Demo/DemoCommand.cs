using Smp.AgentSim.Cli;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Demo;

/// <summary>
/// <c>agent-sim demo</c>: a legacy server, a gateway in front of it, and a load of every scenario,
/// all in this process; with <c>--hierarchy</c>, an Issuer and two Sites instead. Exit code 0 when every scenario behaved as the protocol prescribes.
/// </summary>
internal static class DemoCommand
{
    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        var template = new LoadOptions
        {
            Gateway = new Uri("http://127.0.0.1/"),
            EnrollmentSecret = "-",
            Mix = ScenarioMix.Everything,
            Concurrency = 16,
        };
        LoadOptions options = LoadCommand.ReadCommonOptions(arguments, template, defaultAgents: 200, defaultDuration: 15);
        string? jsonFile = arguments.String("--json");
        string? htmlFile = arguments.String("--html");
        bool hierarchy = arguments.Flag("--hierarchy");
        LogSettings logs = LogSettings.Read(arguments);
        arguments.EnsureAllRead();
        using ILoggerFactory loggerFactory = logs.CreateLoggerFactory();
        options = options with { LoggerFactory = loggerFactory };
        return hierarchy ? await RunHierarchyAsync(options, new Reports(jsonFile, htmlFile), cancellationToken).ConfigureAwait(false) : await RunSingleAsync(options, new Reports(jsonFile, htmlFile), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunSingleAsync(LoadOptions options, Reports reports, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync("Starting a legacy server and a gateway on 127.0.0.1...").ConfigureAwait(false);
        DemoEnvironment environment;
        try
        {
            environment = await DemoEnvironment.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"agent-sim demo: the gateway did not start: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (environment.ConfigureAwait(false))
        {
            options = options with
            {
                Gateway = environment.GatewayUrl,
                EnrollmentSecret = environment.EnrollmentSecret,
                RevokeAgent = (agentId, ct) => environment.Administration.RevokeAgentAsync(agentId, ct),
                Acc = environment.Acc,
            };
            await Console.Error.WriteLineAsync(
                $"Gateway at {environment.GatewayUrl}; enrolling {options.Agents} agents (keys cached in {options.KeyFolder}), then {options.Duration.TotalSeconds:0} s of load with {options.Mix}.")
                .ConfigureAwait(false);
            return await RunLoadAsync(options, reports, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An Issuer and two Sites with a legacy server behind each: agents enroll at the Issuer and run
    /// the scenarios at the Sites, half at each. A revocation is made at the Issuer and checked at once by the Sites.
    /// </summary>
    private static async Task<int> RunHierarchyAsync(LoadOptions options, Reports reports, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync("Starting an Issuer and two Sites, each in front of a legacy server, on 127.0.0.1...").ConfigureAwait(false);
        HierarchyEnvironment environment;
        try
        {
            environment = await HierarchyEnvironment.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"agent-sim demo: the hierarchy did not start: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (environment.ConfigureAwait(false))
        {
            options = options with
            {
                Gateway = environment.SiteUrls[0],
                Sites = environment.SiteUrls.Skip(1).ToArray(),
                EnrollAt = environment.IssuerUrl,
                EnrollmentSecret = environment.EnrollmentSecret,
                RevokeAgent = environment.RevokeAsync,
            };
            await Console.Error.WriteLineAsync(
                $"Issuer at {environment.IssuerUrl}, Sites at {string.Join(" and ", environment.SiteUrls)}; enrolling {options.Agents} agents at the Issuer, " +
                $"then {options.Duration.TotalSeconds:0} s of load at the Sites with {options.Mix}.").ConfigureAwait(false);
            return await RunLoadAsync(options, reports, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunLoadAsync(LoadOptions options, Reports reports, CancellationToken cancellationToken)
    {
        try
        {
            LoadSummary summary = await new LoadRunner(options).RunAsync(cancellationToken).ConfigureAwait(false);
            return LoadCommand.Report(summary, reports.Json, reports.Html, "agent-sim demo");
        }
        catch (Exception e) when (e is EnrollmentException or HttpRequestException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"agent-sim demo: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("agent-sim demo: interrupted").ConfigureAwait(false);
            return 130;
        }
    }

    /// <summary>Where the summary goes besides the console: <c>--json</c> and <c>--html</c>.</summary>
    private sealed record Reports(string? Json, string? Html);
}
