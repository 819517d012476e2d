using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Bench;

/// <summary>
/// Measures every target once per round with the same load (wrk; over HTTP/2 <see cref="H2Driver"/>, and h2load
/// for <see cref="BenchTarget.YarpH2load"/>), each after a warm-up, odd rounds in one order and even rounds in the
/// other; proofs are signed between measurements, never during one. Progress goes to stderr.
/// </summary>
/// <param name="compared">The proofs for the compared gateway (<see cref="BenchOptions.CompareBuild"/>), null without one.</param>
internal sealed class BenchRunner(
    BenchOptions options, BenchEnvironment environment, ProofSupply proofs, ProofSupply? compared, IBenchDriver driver, TextWriter progress,
    IBenchDriver? h2load = null)
{
    /// <summary>The legacy page every target answers: about 130 bytes of XML.</summary>
    public const string Page = LegacyEndpoints.TaskServersPath;

    /// <summary>Fresh proofs signed per expected request: a margin over the last rate seen.</summary>
    private const double ProofMargin = 1.3;

    /// <summary>Seconds added to the first round's warm-ups.</summary>
    private const int FirstRoundExtraWarmup = 3;

    private readonly Dictionary<ProofSupply, double> _freshRates = [];
    private int _fileCount;

    public IReadOnlyList<BenchTarget> Targets()
    {
        if (options.Http2)
        {
            return Http2Targets();
        }

        var targets = new List<BenchTarget>
        {
            new(BenchTarget.Server, environment.Legacy, Page, BenchAuth.None),
            new(BenchTarget.Yarp, environment.Yarp, Page, BenchAuth.None),
            new(BenchTarget.GatewayKeepAlive, environment.Gateway, Page, BenchAuth.FirstPerConnection),
        };
        if (environment.Compared is { } comparedGateway)
        {
            targets.Add(new(BenchTarget.ComparedKeepAlive, comparedGateway, Page, BenchAuth.FirstPerConnection));
        }

        if (options.Breakdown)
        {
            targets.Add(new(BenchTarget.GatewayAnonymous, environment.Gateway, BenchGatewayHost.AnonymousPrefix + Page, BenchAuth.None));
        }

        if (environment.Nginx is { } nginx)
        {
            targets.Add(new(BenchTarget.Nginx, nginx, Page, BenchAuth.None));
        }

        targets.Add(new(BenchTarget.YarpProof, environment.Yarp, Page, BenchAuth.EveryRequestReused));
        targets.Add(new(BenchTarget.GatewayFresh, environment.Gateway, Page, BenchAuth.EveryRequest));
        if (environment.Compared is { } comparedFresh)
        {
            targets.Add(new(BenchTarget.ComparedFresh, comparedFresh, Page, BenchAuth.EveryRequest));
        }

        return targets;
    }

    /// <summary>
    /// Over h2c: the same targets but the server behind (reached over HTTP/1.1 by both proxies, whatever the client
    /// speaks), and plain YARP loaded by h2load too, when it is installed.
    /// </summary>
    private List<BenchTarget> Http2Targets()
    {
        Uri yarp = environment.YarpH2c ?? throw new InvalidOperationException("No HTTP/2 endpoint was started.");
        Uri gateway = environment.GatewayH2c!;
        var targets = new List<BenchTarget>
        {
            new(BenchTarget.YarpH2, yarp, Page, BenchAuth.None),
            new(BenchTarget.GatewayKeepAliveH2, gateway, Page, BenchAuth.FirstPerConnection),
        };
        if (h2load is not null)
        {
            targets.Insert(1, new(BenchTarget.YarpH2load, yarp, Page, BenchAuth.None, ByH2load: true));
        }

        if (options.Breakdown)
        {
            targets.Add(new(BenchTarget.GatewayAnonymousH2, gateway, BenchGatewayHost.AnonymousPrefix + Page, BenchAuth.None));
        }

        targets.Add(new(BenchTarget.YarpProofH2, yarp, Page, BenchAuth.EveryRequestReused));
        targets.Add(new(BenchTarget.GatewayFreshH2, gateway, Page, BenchAuth.EveryRequest));
        return targets;
    }

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, WrkResult>>> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<BenchTarget> targets = Targets();
        var rounds = new List<IReadOnlyDictionary<string, WrkResult>>();
        for (int round = 1; round <= options.Rounds; round++)
        {
            var results = new Dictionary<string, WrkResult>(StringComparer.Ordinal);
            var files = new List<string>();
            var fresh = new Dictionary<ProofSupply, (string Warmup, string Measure)>();
            // The first round also lets the JIT settle on each path before any figure counts.
            int warmup = round == 1 ? options.WarmupSeconds + FirstRoundExtraWarmup : options.WarmupSeconds;
            try
            {
                // Even rounds go backwards, so a load that grows or fades over the run weighs on both
                // sides of each ratio alike; the pairs compared are next to each other either way.
                foreach (BenchTarget target in round % 2 == 1 ? targets : targets.Reverse())
                {
                    ProofSupply supply = SupplyFor(target);
                    (string? warmupFile, string? measureFile) = target.Auth switch
                    {
                        BenchAuth.FirstPerConnection => (SignProofs(supply, options.Connections, files, cancellationToken), SignProofs(supply, options.Connections, files, cancellationToken)),
                        BenchAuth.EveryRequest => FreshFiles(supply, fresh, results, warmup, files, cancellationToken),
                        BenchAuth.EveryRequestReused => (FreshFiles(supply, fresh, results, warmup, files, cancellationToken).Measure, fresh[supply].Measure),
                        _ => ((string?)null, (string?)null),
                    };
                    WrkResult result = await MeasureAsync(target, warmupFile, measureFile, warmup, cancellationToken).ConfigureAwait(false);
                    results[target.Name] = result;
                    await progress.WriteLineAsync(
                        $"round {round}/{options.Rounds}  {target.Name,-20} {result.RequestsPerSecond,9:N0} requests/s  p50 {result.P50Microseconds / 1000.0,6:0.00} ms  {result.Problems}")
                        .ConfigureAwait(false);
                    if (target.Auth == BenchAuth.EveryRequest)
                    {
                        // Size the next round's proofs on this rate; far more when they ran out.
                        double seen = result.RequestsPerSecond * (result.Exhausted > 0 ? 1.5 : 1);
                        _freshRates[supply] = Math.Max(_freshRates.GetValueOrDefault(supply), seen);
                    }
                }
            }
            finally
            {
                files.ForEach(File.Delete);
            }

            rounds.Add(results);
        }

        return rounds;
    }

    /// <summary>The compared gateway's targets take its own proofs; every other target the gateway's.</summary>
    private ProofSupply SupplyFor(BenchTarget target) =>
        compared is not null && target.Origin == environment.Compared ? compared : proofs;

    /// <summary>This round's fresh proofs for <paramref name="supply"/>'s gateway, signed on first use.</summary>
    private (string Warmup, string Measure) FreshFiles(
        ProofSupply supply, Dictionary<ProofSupply, (string Warmup, string Measure)> round, Dictionary<string, WrkResult> results, int warmup, List<string> files,
        CancellationToken cancellationToken)
    {
        if (round.TryGetValue(supply, out var signed))
        {
            return signed;
        }

        // Before the first fresh-proof run, the keep-alive rate bounds the fresh one from above.
        double rate = _freshRates.TryGetValue(supply, out double seen) ? seen
            : results.GetValueOrDefault(BenchTarget.GatewayKeepAlive)?.RequestsPerSecond
            ?? results.GetValueOrDefault(BenchTarget.GatewayKeepAliveH2)?.RequestsPerSecond ?? 10_000;
        // Warm-up first: its counters must be below the measurement's, or the replay window refuses those.
        string warmupFile = SignProofs(supply, (int)(rate * warmup * ProofMargin) + 1_000, files, cancellationToken);
        string measureFile = SignProofs(supply, (int)(rate * options.Seconds * ProofMargin) + 2_000, files, cancellationToken);
        return round[supply] = (warmupFile, measureFile);
    }

    private async Task<WrkResult> MeasureAsync(BenchTarget target, string? warmupFile, string? measureFile, int warmup, CancellationToken cancellationToken)
    {
        IBenchDriver load = target.ByH2load ? h2load! : driver;
        if (warmup > 0)
        {
            await load.RunAsync(target, warmupFile, warmup, cancellationToken).ConfigureAwait(false);
        }

        // Let the signing and the warm-up's garbage go before the clock starts.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int? server = environment.ProcessServing(target);
        ProcessCpu? before = server is { } id ? ProcessCpu.Read(id) : null;
        WrkResult result = await load.RunAsync(target, measureFile, options.Seconds, cancellationToken).ConfigureAwait(false);
        ProcessCpu? after = server is { } same ? ProcessCpu.Read(same) : null;
        return ProcessCpu.PerRequest(before, after, result.Requests) is { } cost
            ? result with { CpuMicrosecondsPerRequest = cost.CpuMicroseconds, ContextSwitchesPerRequest = cost.ContextSwitches }
            : result;
    }

    private string SignProofs(ProofSupply supply, int count, List<string> files, CancellationToken cancellationToken)
    {
        string path = Path.Combine(environment.Folder, $"proofs-{++_fileCount}.txt");
        files.Add(path);
        supply.WriteFile(path, count, cancellationToken);
        return path;
    }
}
