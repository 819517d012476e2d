using Smp.AgentSim.Cli;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Bench;

/// <summary>
/// <c>agent-sim bench</c>: the legacy server alone, plain YARP, the gateway (keep-alive and fresh
/// proofs) and nginx when installed, measured in alternation with wrk, printed as ratios.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(ArgumentReader arguments, CancellationToken cancellationToken)
    {
        BenchOptions options = ReadOptions(arguments);
        arguments.EnsureAllRead();
        if (options.CompareBuild is not null && !options.OutOfProcess)
        {
            throw new UsageException("--compare-build needs --out-of-process: the second gateway runs from its own build");
        }

        // wrk is required rather than replaced: an in-process client would share this process and
        // its cores with the servers it measures, at several times wrk's cost per request, and
        // its figures would not compare with wrk figures measured elsewhere.
        if (WrkDriver.Locate() is null)
        {
            await Console.Error.WriteLineAsync("agent-sim bench: wrk is not installed; install it (Debian: apt-get install wrk) and run again.").ConfigureAwait(false);
            return 2;
        }

        string? nginx = ExecutableSearch.Find(NginxHost.Executable);
        string? nginxNote = nginx is null ? "nginx: not installed, not measured (Debian: apt-get install nginx)" : null;
        await Console.Error.WriteLineAsync(options.OutOfProcess
            ? $"Starting {(nginx is null ? "the legacy server" : "nginx")} as the server behind, plain YARP and the gateway ({options.GatewayBuild}), each in its own process, on 127.0.0.1..."
            : $"Starting the legacy server, plain YARP, the gateway{(nginx is null ? "" : " and nginx")} on 127.0.0.1...").ConfigureAwait(false);
        try
        {
            await using BenchEnvironment environment = await BenchEnvironment.StartAsync(options, nginx, cancellationToken).ConfigureAwait(false);
            foreach (BenchProcess process in environment.Processes)
            {
                await Console.Error.WriteLineAsync($"{process.Name}: pid {process.ProcessId}, ready in {process.StartToReady.TotalMilliseconds:N0} ms ({process.ReadyUrl})").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync($"Enrolling {options.Agents} agents and getting their tokens (keys cached in {options.KeyFolder})...").ConfigureAwait(false);
            using ProofSupply proofs = await ProofSupply.CreateAsync(
                environment.Gateway, environment.EnrollmentSecret, options.KeyFolder, options.Agents, BenchRunner.Page, cancellationToken).ConfigureAwait(false);
            // The compared gateway has keys and a registry of its own: the same agents enroll there too.
            using ProofSupply? compared = environment.Compared is { } other
                ? await ProofSupply.CreateAsync(other, environment.EnrollmentSecret, options.KeyFolder, options.Agents, BenchRunner.Page, cancellationToken).ConfigureAwait(false)
                : null;
            var runner = new BenchRunner(options, environment, proofs, compared, new WrkDriver(environment.Folder, options.Connections), Console.Error);
            IReadOnlyList<IReadOnlyDictionary<string, WrkResult>> rounds = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"{proofs.Written + (compared?.Written ?? 0):N0} proofs signed ahead of the measurements.").ConfigureAwait(false);

            var report = new BenchReport(options, runner.Targets().Select(t => t.Name).ToArray(), rounds, options.OutOfProcess ? environment.Note : nginxNote);
            report.WriteTable(Console.Out);
            if (options.JsonFile is not null)
            {
                await using FileStream stream = File.Create(options.JsonFile);
                report.WriteJson(stream);
            }

            return report.Complete ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("agent-sim bench: interrupted").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (e is EnrollmentException or HttpRequestException or InvalidOperationException or InvalidDataException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"agent-sim bench: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    internal static BenchOptions ReadOptions(ArgumentReader arguments)
    {
        var defaults = new BenchOptions();
        return new BenchOptions
        {
            Seconds = arguments.Int("--seconds", defaults.Seconds, 1, 60),
            WarmupSeconds = arguments.Int("--warmup", defaults.WarmupSeconds, 0, 30),
            Rounds = arguments.Int("--rounds", defaults.Rounds, 1, 50),
            Connections = arguments.Int("--connections", defaults.Connections, 1, 1024),
            Agents = arguments.Int("--agents", defaults.Agents, 1, 1024),
            Breakdown = arguments.String("--breakdown") switch
            {
                null or "false" or "no" => false,
                "true" or "yes" => true,
                string other => throw new UsageException($"--breakdown: expected true or false, got '{other}'"),
            },
            KeyFolder = arguments.String("--keys") is { Length: > 0 } keys ? keys : defaults.KeyFolder,
            JsonFile = arguments.String("--json"),
            OutOfProcess = arguments.Flag("--out-of-process"),
            GatewayBuild = arguments.String("--gateway-build") is { Length: > 0 } build ? build : defaults.GatewayBuild,
            CompareBuild = arguments.String("--compare-build") is { Length: > 0 } compare ? compare : null,
        };
    }
}
