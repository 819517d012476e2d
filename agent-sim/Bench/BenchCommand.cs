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
        // wrk is required rather than replaced: an in-process client would share this process and
        // its cores with the servers it measures, at several times wrk's cost per request, and
        // its figures would not compare with wrk figures measured elsewhere.
        if (!options.Http2 && WrkDriver.Locate() is null)
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
            IBenchDriver driver = options.Http2 ? new H2Driver(options.Connections, options.Streams) : new WrkDriver(environment.Folder, options.Connections);
            IBenchDriver? h2load = options.Http2 && H2loadDriver.Locate() is not null ? new H2loadDriver(options.Connections, options.Streams) : null;
            if (options.Http2 && h2load is null)
            {
                await Console.Error.WriteLineAsync("h2load: not installed, the driver not checked against it (Debian: apt-get install nghttp2-client)").ConfigureAwait(false);
            }

            var runner = new BenchRunner(options, environment, proofs, compared, driver, Console.Error, h2load);
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
        bool outOfProcess = arguments.Flag("--out-of-process");
        bool http2 = arguments.Flag("--http2");
        if (http2 && !outOfProcess)
        {
            throw new UsageException("--http2: only with --out-of-process (the HTTP/2 load runs in this process, beside no server)");
        }

        if (!http2 && arguments.String("--streams") is not null)
        {
            throw new UsageException("--streams: only with --http2");
        }

        string? compareBuild = arguments.String("--compare-build") is { Length: > 0 } compare ? compare : null;
        if (compareBuild is not null && (!outOfProcess || http2))
        {
            throw new UsageException("--compare-build: only with --out-of-process, over HTTP/1.1 (the second gateway runs from its own build)");
        }

        return new BenchOptions
        {
            Seconds = arguments.Int("--seconds", defaults.Seconds, 1, 60),
            WarmupSeconds = arguments.Int("--warmup", defaults.WarmupSeconds, 0, 30),
            Rounds = arguments.Int("--rounds", defaults.Rounds, 1, 50),
            Connections = arguments.Int("--connections", http2 ? BenchOptions.Http2Connections : defaults.Connections, 1, 1024),
            Http2 = http2,
            Streams = http2 ? arguments.Int("--streams", defaults.Streams, 1, 100) : defaults.Streams,
            Agents = arguments.Int("--agents", defaults.Agents, 1, 1024),
            Breakdown = arguments.String("--breakdown") switch
            {
                null or "false" or "no" => false,
                "true" or "yes" => true,
                string other => throw new UsageException($"--breakdown: expected true or false, got '{other}'"),
            },
            KeyFolder = arguments.String("--keys") is { Length: > 0 } keys ? keys : defaults.KeyFolder,
            JsonFile = arguments.String("--json"),
            OutOfProcess = outOfProcess,
            GatewayBuild = arguments.String("--gateway-build") is { Length: > 0 } build ? build : defaults.GatewayBuild,
            CompareBuild = compareBuild,
        };
    }
}
