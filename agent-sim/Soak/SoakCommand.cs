using Smp.AgentSim.Cli;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Soak;

/// <summary>
/// <c>agent-sim soak</c>: the demo's in-process gateway under a long load of honest and hostile
/// agents, sampling memory and threads. Exit code 0 when memory stayed flat and every scenario behaved.
/// </summary>
internal static class SoakCommand
{
    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        var options = new SoakOptions
        {
            Agents = arguments.Int("--agents", 10_000, 1, 100_000),
            Duration = TimeSpan.FromSeconds(arguments.Int("--duration", 600, 1, 86_400)),
            SamplePeriod = TimeSpan.FromSeconds(arguments.Int("--sample", 10, 1, 3_600)),
            Concurrency = arguments.Int("--concurrency", 16, 1, 4096),
            AgentsPerKey = arguments.Int("--agents-per-key", 50, 1, 100_000),
            TokenLifetime = TimeSpan.FromSeconds(arguments.Int("--token-lifetime", 120, 60, 604_800)),
            KeyFolder = arguments.String("--keys") is { Length: > 0 } keys ? keys : Path.Combine(".data", "agent-keys"),
            Progress = Console.Error,
        };
        if (arguments.String("--mix") is { } mix)
        {
            try
            {
                options = options with { Mix = ScenarioMix.Parse(mix) };
            }
            catch (FormatException e)
            {
                throw new UsageException("--mix: " + e.Message);
            }
        }

        string? jsonFile = arguments.String("--json");
        LogSettings logs = LogSettings.Read(arguments);
        arguments.EnsureAllRead();
        using ILoggerFactory loggerFactory = logs.CreateLoggerFactory();
        options = options with { LoggerFactory = loggerFactory };

        await Console.Error.WriteLineAsync(
            $"Soak: {options.Agents} agents ({options.AgentsPerKey} per key, keys cached in {options.KeyFolder}), {options.Duration.TotalSeconds:0} s of {options.Mix}, a sample every {options.SamplePeriod.TotalSeconds:0} s, tokens living {options.TokenLifetime.TotalSeconds:0} s.")
            .ConfigureAwait(false);
        SoakResult result;
        try
        {
            result = await new SoakRunner(options).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is EnrollmentException or HttpRequestException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"agent-sim soak: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("agent-sim soak: interrupted").ConfigureAwait(false);
            return 130;
        }

        SoakReport.Write(Console.Out, result);
        if (jsonFile is not null)
        {
            using FileStream stream = File.Create(jsonFile);
            SoakReport.WriteJson(stream, result);
        }

        return result.Passed ? 0 : 1;
    }
}
