using Smp.AgentSim.Load.Scenarios;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>
/// Enrolls the agents, then runs the scenario mix on <see cref="LoadOptions.Concurrency"/> workers
/// until the duration or the request count is reached, and sums up what happened.
/// </summary>
internal sealed class LoadRunner
{
    private readonly LoadOptions options;
    private readonly TimeProvider time;
    private readonly Dictionary<ScenarioKind, ILoadScenario> scenarios;
    private int revocationsLeft;

    public LoadRunner(LoadOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Agents, 1, nameof(options.Agents));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(options.Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero, nameof(options.Duration));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeepAliveRequests, 2, nameof(options.KeepAliveRequests));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AgentsPerKey, 1, nameof(options.AgentsPerKey));
        this.options = options;
        time = timeProvider ?? TimeProvider.System;
        scenarios = new ILoadScenario[]
        {
            new ColdScenario(), new WarmScenario(), new KeepAliveScenario(), new ReplayScenario(), new RevokedScenario(), new HostileScenario(),
            new UncScenario(), new StaleAccScenario(),
        }.ToDictionary(s => s.Kind);
    }

    /// <summary>Throws <see cref="EnrollmentException"/> or <see cref="HttpRequestException"/> when the agents cannot enroll.</summary>
    public async Task<LoadSummary> RunAsync(CancellationToken cancellationToken)
    {
        using HttpClient rawClient = new(ServerTrust.Apply(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }, options.TrustedCa))
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        IReadOnlyList<SimulatedAgent> agents = await AgentEnrollment.EnrollAllAsync(options, rawClient, time, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            return await RunWorkersAsync(agents, rawClient, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (SimulatedAgent agent in agents)
            {
                agent.Dispose();
            }
        }
    }

    private async Task<LoadSummary> RunWorkersAsync(
        IReadOnlyList<SimulatedAgent> agents, HttpClient rawClient, CancellationToken cancellationToken)
    {
        // Keep three quarters of the agents for the other scenarios, however long the run.
        revocationsLeft = options.RevokeAgent is null || agents.Count < 2 ? 0 : Math.Max(1, agents.Count / 4);
        var pool = new AgentPool(agents);
        var recorder = new LoadRecorder(time, TimelineInterval.For(options.Duration));
        using var deadline = new CancellationTokenSource(options.Duration, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var progressStop = new CancellationTokenSource();

        long start = time.GetTimestamp();
        options.LoadStarted?.Invoke(() => recorder.Requests);
        Task progress = options.Progress is { } writer
            ? new ProgressReporter(writer, recorder, time).RunAsync(progressStop.Token)
            : Task.CompletedTask;
        Task[] workers = Enumerable.Range(0, options.Concurrency)
            .Select(_ => Task.Run(() => WorkAsync(pool, recorder, rawClient, stop.Token, cancellationToken), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        TimeSpan elapsed = time.GetElapsedTime(start);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        return recorder.Summarize(options, elapsed, SkipReason);
    }

    private async Task WorkAsync(
        AgentPool pool, LoadRecorder recorder, HttpClient rawClient, CancellationToken stop, CancellationToken cancellationToken)
    {
        var random = new Random();
        while (!stop.IsCancellationRequested && (options.MaxRequests is not { } max || recorder.Requests < max))
        {
            SimulatedAgent agent;
            try
            {
                agent = await pool.RentAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (PickScenario(random) is not { } kind)
            {
                pool.Return(agent);
                return;
            }

            var run = new ScenarioRun(agent, recorder, rawClient, random, time, options);
            try
            {
                ScenarioVerdict verdict = await scenarios[kind].RunAsync(run, cancellationToken).ConfigureAwait(false);
                recorder.RecordRun(kind, verdict.AsExpected, verdict.Detail);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or NotSupportedException)
            {
                // Messages of these name a state or an address, never a credential.
                recorder.RecordRun(kind, false, $"{e.GetType().Name}: {e.Message}");
            }
            finally
            {
                if (run.Retired)
                {
                    pool.Retire();
                }
                else
                {
                    pool.Return(agent);
                }
            }
        }
    }

    private ScenarioKind? PickScenario(Random random)
    {
        ScenarioKind? kind = options.Mix.Pick(random, k => HasAcc(k) && (k != ScenarioKind.Revoked || Volatile.Read(ref revocationsLeft) > 0));
        if (kind == ScenarioKind.Revoked && Interlocked.Decrement(ref revocationsLeft) < 0)
        {
            kind = options.Mix.Pick(random, k => HasAcc(k) && k != ScenarioKind.Revoked);
        }

        return kind;
    }

    /// <summary>False for the ACC scenarios when there is no ACC account to use.</summary>
    private bool HasAcc(ScenarioKind kind) => options.Acc is not null || kind is not (ScenarioKind.Unc or ScenarioKind.StaleAcc);

    private string? SkipReason(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Unc or ScenarioKind.StaleAcc when options.Mix.WeightOf(kind) > 0 && options.Acc is null =>
            "no ACC account of a UNC-codebase route here (the demo has one)",
        ScenarioKind.Revoked when options.Mix.WeightOf(kind) > 0 && options.RevokeAgent is null =>
            "no way to revoke an agent here (the demo has one)",
        ScenarioKind.Revoked when options.Mix.WeightOf(kind) > 0 && options.Agents < 2 => "needs 2 agents or more",
        _ => null,
    };
}
