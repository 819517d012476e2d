using Smp.AgentSim.Cli;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Demo;

/// <summary>
/// <c>agent-sim demo</c>: a legacy server, a gateway in front of it, and a load of every scenario,
/// all in this process. Exit code 0 when every scenario behaved as the protocol prescribes.
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
        arguments.EnsureAllRead();

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
            };
            await Console.Error.WriteLineAsync(
                $"Gateway at {environment.GatewayUrl}; enrolling {options.Agents} agents (keys cached in {options.KeyFolder}), then {options.Duration.TotalSeconds:0} s of load with {options.Mix}.")
                .ConfigureAwait(false);
            try
            {
                LoadSummary summary = await new LoadRunner(options).RunAsync(cancellationToken).ConfigureAwait(false);
                return LoadCommand.Report(summary, jsonFile, htmlFile, "agent-sim demo");
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
    }
}
