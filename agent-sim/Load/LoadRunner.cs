using Smp.AgentSim.Load.Scenarios;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>
/// Enrolls the agents, then runs the scenario mix on <see cref="LoadOptions.Concurrency"/> workers
/// until the duration or the request count is reached, and sums up what happened.
/// </summary>
internal sealed class LoadRunner
{
    private readonly LoadOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<ScenarioKind, ILoadScenario> _scenarios;
    private int _revocationsLeft;

    public LoadRunner(LoadOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Agents, 1, nameof(options.Agents));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(options.Concurrency));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Duration, TimeSpan.Zero, nameof(options.Duration));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.KeepAliveRequests, 2, nameof(options.KeepAliveRequests));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AgentsPerKey, 1, nameof(options.AgentsPerKey));
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _scenarios = new ILoadScenario[]
        {
            new ColdScenario(), new WarmScenario(), new KeepAliveScenario(), new ReplayScenario(), new RevokedScenario(), new HostileScenario(),
            new UncScenario(), new StaleAccScenario(), new WindowsScenario(),
        }.ToDictionary(s => s.Kind);
    }

    /// <summary>Throws <see cref="EnrollmentException"/> or <see cref="HttpRequestException"/> when the agents cannot enroll.</summary>
    public async Task<LoadSummary> RunAsync(CancellationToken cancellationToken)
    {
        using HttpClient rawClient = new(ServerTrust.Apply(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }, _options.TrustedCa))
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        IReadOnlyList<SimulatedAgent> agents = await AgentEnrollment.EnrollAllAsync(_options, rawClient, _time, cancellationToken)
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
        _revocationsLeft = _options.RevokeAgent is null || agents.Count < 2 ? 0 : Math.Max(1, agents.Count / 4);
        var pool = new AgentPool(agents);
        var recorder = new LoadRecorder(_time, TimelineInterval.For(_options.Duration));
        using var deadline = new CancellationTokenSource(_options.Duration, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var progressStop = new CancellationTokenSource();

        long start = _time.GetTimestamp();
        _options.LoadStarted?.Invoke(() => recorder.Requests);
        Task progress = _options.Progress is { } writer
            ? new ProgressReporter(writer, recorder, _time).RunAsync(progressStop.Token)
            : Task.CompletedTask;
        Task[] workers = Enumerable.Range(0, _options.Concurrency)
            .Select(_ => Task.Run(() => WorkAsync(pool, recorder, rawClient, stop.Token, cancellationToken), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        TimeSpan elapsed = _time.GetElapsedTime(start);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        return recorder.Summarize(_options, elapsed, SkipReason);
    }

    private async Task WorkAsync(
        AgentPool pool, LoadRecorder recorder, HttpClient rawClient, CancellationToken stop, CancellationToken cancellationToken)
    {
        var random = new Random();
        while (!stop.IsCancellationRequested && (_options.MaxRequests is not { } max || recorder.Requests < max))
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

            var run = new ScenarioRun(agent, recorder, rawClient, random, _time, _options);
            try
            {
                ScenarioVerdict verdict = await _scenarios[kind].RunAsync(run, cancellationToken).ConfigureAwait(false);
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
        ScenarioKind? kind = _options.Mix.Pick(random, k => HasAcc(k) && (k != ScenarioKind.Revoked || Volatile.Read(ref _revocationsLeft) > 0));
        if (kind == ScenarioKind.Revoked && Interlocked.Decrement(ref _revocationsLeft) < 0)
        {
            kind = _options.Mix.Pick(random, k => HasAcc(k) && k != ScenarioKind.Revoked);
        }

        return kind;
    }

    /// <summary>False for the ACC scenarios when there is no ACC account to use, and for the windows scenario without its route.</summary>
    private bool HasAcc(ScenarioKind kind) =>
        (_options.Acc is not null || kind is not (ScenarioKind.Unc or ScenarioKind.StaleAcc)) && (_options.Windows is not null || kind != ScenarioKind.Windows);

    private string? SkipReason(ScenarioKind kind) => kind switch
    {
        ScenarioKind.Unc or ScenarioKind.StaleAcc when _options.Mix.WeightOf(kind) > 0 && _options.Acc is null =>
            "no ACC account of a UNC-codebase route here (the demo has one)",
        ScenarioKind.Windows when _options.Mix.WeightOf(kind) > 0 && _options.Windows is null =>
            "no route taking Windows authentication given (--windows-path, --windows-host)",
        ScenarioKind.Revoked when _options.Mix.WeightOf(kind) > 0 && _options.RevokeAgent is null =>
            "no way to revoke an agent here (the demo has one)",
        ScenarioKind.Revoked when _options.Mix.WeightOf(kind) > 0 && _options.Agents < 2 => "needs 2 agents or more",
        _ => null,
    };
}
