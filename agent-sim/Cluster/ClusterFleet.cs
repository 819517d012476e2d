using System.Collections.Concurrent;
using Smp.AgentSim.Load;
using Smp.AgentSim.Load.Scenarios;

namespace Smp.AgentSim.Cluster;

/// <summary>
/// The agents under faults, as real agents behave: each request sent through nginx with a fresh proof; a refused
/// or failed one sent again, after a short back-off, with a new proof (the agent's handler takes a new counter
/// for every request, and follows a 401 that carries a fresh token); a reset connection is opened again by the
/// next request. Counts accepted requests per second, every failed attempt with its time, and what revoked
/// agents were given after their revocation.
/// </summary>
internal sealed class ClusterFleet(LoadOptions load, Func<TimeSpan> clock)
{
    private const int MaxAttempts = 30;
    private const string Revoked = "agent-revoked";

    private readonly ConcurrentDictionary<string, TimeSpan> _revokedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revoking = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(TimeSpan At, string What)> _failures = new();
    private long[] _perSecond = [];
    private long _revokedServed;
    private long _revokedRefused;
    private long _gaveUp;
    private long _siteServed;
    private IReadOnlySet<string> _siteAgents = new HashSet<string>();
    private Uri? _site;

    public IReadOnlyList<(TimeSpan At, string What)> Failures => _failures.ToArray();

    /// <summary>Requests of revoked agents, sent after their revocation ended, that were served: must stay 0.</summary>
    public long RevokedServed => Interlocked.Read(ref _revokedServed);

    /// <summary>Revoked agents refused <c>403 agent-revoked</c>, as they should be.</summary>
    public long RevokedRefused => Interlocked.Read(ref _revokedRefused);

    /// <summary>Requests still failing after <see cref="MaxAttempts"/> attempts.</summary>
    public long GaveUp => Interlocked.Read(ref _gaveUp);

    /// <summary>Requests of the agents moved to the Site (<see cref="MoveToSite"/>) it served.</summary>
    public long SiteServed => Interlocked.Read(ref _siteServed);

    /// <summary>Accepted requests in each whole second of the load.</summary>
    public IReadOnlyList<long> PerSecond => _perSecond;

    /// <summary>Marks <paramref name="agentId"/> as being revoked: a refusal from now on is expected.</summary>
    public void Revoking(string agentId) => _revoking[agentId] = 0;

    /// <summary>The revocation of <paramref name="agentId"/> ended at <paramref name="at"/>: nothing sent after may be served.</summary>
    public void RevokedAt(string agentId, TimeSpan at) => _revokedAt[agentId] = at;

    /// <summary>From now on <paramref name="agentIds"/> send their calls to <paramref name="site"/> (saying hello there first).</summary>
    public void MoveToSite(Uri site, IReadOnlySet<string> agentIds)
    {
        _siteAgents = agentIds;
        Volatile.Write(ref _site, site);
    }

    public async Task<LoadSummary> RunAsync(IReadOnlyList<SimulatedAgent> agents, HttpClient rawClient, TimeProvider time, CancellationToken cancellationToken)
    {
        _perSecond = new long[(int)load.Duration.TotalSeconds];
        var pool = new AgentPool(agents);
        var recorder = new LoadRecorder(time, TimelineInterval.For(load.Duration));
        using var deadline = new CancellationTokenSource(load.Duration, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var progressStop = new CancellationTokenSource();
        long start = time.GetTimestamp();
        Task progress = load.Progress is { } writer ? new ProgressReporter(writer, recorder, time).RunAsync(progressStop.Token) : Task.CompletedTask;
        Task[] workers = Enumerable.Range(0, load.Concurrency)
            .Select(_ => Task.Run(() => WorkAsync(pool, recorder, rawClient, time, stop.Token), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        TimeSpan elapsed = time.GetElapsedTime(start);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return recorder.Summarize(load with { Mix = ScenarioMix.Parse("warm=1") }, elapsed, _ => null);
    }

    private async Task WorkAsync(AgentPool pool, LoadRecorder recorder, HttpClient rawClient, TimeProvider time, CancellationToken stop)
    {
        var random = new Random();
        while (!stop.IsCancellationRequested)
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

            var run = new ScenarioRun(agent, recorder, rawClient, random, time, load);
            bool retired = false;
            try
            {
                (retired, string? unexpected) = await CallAsync(run, random, stop).ConfigureAwait(false);
                // Each call counts as a run of the warm scenario: an agent calling in, served in the end.
                recorder.RecordRun(ScenarioKind.Warm, unexpected is null, unexpected);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                if (retired)
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

    /// <summary>
    /// One agent's call, attempt after attempt until served. Retired: the agent was revoked and is done;
    /// Unexpected: why the call did not end as it should (served, or refused as revoked), null when it did.
    /// </summary>
    private async Task<(bool Retired, string? Unexpected)> CallAsync(ScenarioRun run, Random random, CancellationToken stop)
    {
        string agentId = run.Agent.Identity.AgentId;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            TimeSpan sent = clock();
            Uri? site = Volatile.Read(ref _site);
            bool atSite = site is not null && _siteAgents.Contains(agentId);
            RequestOutcome outcome;
            try
            {
                using HttpRequestMessage request = atSite ? LegacyRequests.Next(site!, random) : run.NewRequest();
                outcome = await run.SendAsync(run.Agent.Client, request, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
            {
                _failures.Enqueue((clock(), e.GetType().Name));
                continue;
            }

            bool revoked = _revokedAt.TryGetValue(agentId, out TimeSpan revokedAt) && sent >= revokedAt;
            if (outcome.IsSuccess)
            {
                if (revoked)
                {
                    Interlocked.Increment(ref _revokedServed);
                    return (true, "a revoked agent was served");
                }

                if (atSite)
                {
                    Interlocked.Increment(ref _siteServed);
                }

                int second = (int)clock().TotalSeconds;
                if (second < _perSecond.Length)
                {
                    Interlocked.Increment(ref _perSecond[second]);
                }

                return (false, null);
            }

            if (outcome.NsError == Revoked && (revoked || _revoking.ContainsKey(agentId)))
            {
                Interlocked.Increment(ref _revokedRefused);
                return (true, null);
            }

            _failures.Enqueue((clock(), outcome.Describe()));
            if (stop.IsCancellationRequested)
            {
                return (false, null);
            }

            // A short back-off that grows, with jitter, so that a fleet does not come back in step.
            int delay = Math.Min(2_000, 50 << Math.Min(attempt, 6));
            await Task.Delay(delay / 2 + random.Next(delay / 2 + 1), stop).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _gaveUp);
        return (false, $"still failing after {MaxAttempts} attempts");
    }
}
