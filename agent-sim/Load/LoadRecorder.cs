namespace Smp.AgentSim.Load;

/// <summary>Collects every request and scenario outcome of a run; shared by the workers.</summary>
internal sealed class LoadRecorder
{
    private const int MaxSamples = 5;

    private readonly Lock _gate = new();
    private readonly LatencyHistogram _latency = new();
    private readonly Dictionary<(int? Status, string? NsError, string? Error), long> _outcomes = [];
    private readonly Dictionary<ScenarioKind, ScenarioTally> _scenarios = [];
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimelineRecorder _timeline;
    private long _requests;
    private long _roundTrips;
    private long _unexpected;

    /// <param name="timeProvider">The clock of the timeline; default the system's.</param>
    /// <param name="interval">The timeline's interval; default 1 s (see <see cref="TimelineInterval.For"/>).</param>
    public LoadRecorder(TimeProvider? timeProvider = null, TimeSpan? interval = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _timeline = new TimelineRecorder(_time.GetUtcNow(), interval ?? TimeSpan.FromSeconds(1));
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long UnexpectedRuns => Interlocked.Read(ref _unexpected);

    public void RecordRequest(RequestOutcome outcome)
    {
        lock (_gate)
        {
            _latency.Record(outcome.Latency);
            var key = (outcome.Status is { } status ? (int?)status : null, outcome.NsError, outcome.Error);
            _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
            _roundTrips += outcome.RoundTrips;
            _timeline.Record(_time.GetElapsedTime(_started), outcome);
            Interlocked.Increment(ref _requests);
        }
    }

    /// <param name="detail">Why the run was unexpected; must never contain a credential.</param>
    public void RecordRun(ScenarioKind kind, bool asExpected, string? detail)
    {
        lock (_gate)
        {
            ScenarioTally tally = _scenarios.TryGetValue(kind, out ScenarioTally? existing) ? existing : _scenarios[kind] = new ScenarioTally();
            tally.Runs++;
            if (asExpected)
            {
                tally.AsExpected++;
                return;
            }

            Interlocked.Increment(ref _unexpected);
            if (tally.Samples.Count < MaxSamples && detail is not null && !tally.Samples.Contains(detail))
            {
                tally.Samples.Add(detail);
            }
        }
    }

    public LoadSummary Summarize(LoadOptions options, TimeSpan elapsed, Func<ScenarioKind, string?> skipReason)
    {
        lock (_gate)
        {
            var latencySummary = new LatencySummary(
                Ms(_latency.Percentile(0.50)), Ms(_latency.Percentile(0.95)), Ms(_latency.Percentile(0.99)),
                _latency.MaxMicros / 1000.0);
            OutcomeCount[] counts = _outcomes
                .Select(o => new OutcomeCount(o.Key.Status, o.Key.NsError, o.Key.Error, o.Value))
                .OrderByDescending(o => o.Count).ThenBy(o => o.Label, StringComparer.Ordinal)
                .ToArray();
            ScenarioSummary[] perScenario = Enum.GetValues<ScenarioKind>()
                .Select(kind =>
                {
                    ScenarioTally tally = _scenarios.GetValueOrDefault(kind) ?? new ScenarioTally();
                    return new ScenarioSummary(ScenarioMix.NameOf(kind), options.Mix.WeightOf(kind), tally.Runs,
                        tally.AsExpected, tally.Runs - tally.AsExpected, skipReason(kind), tally.Samples.ToArray());
                })
                .ToArray();
            return new LoadSummary(options.Agents, options.Concurrency, elapsed, _requests, _roundTrips,
                latencySummary, counts, perScenario) { Timeline = _timeline.Snapshot(elapsed) };
        }
    }

    private static double Ms(TimeSpan value) => value.TotalMilliseconds;

    private sealed class ScenarioTally
    {
        public long Runs { get; set; }

        public long AsExpected { get; set; }

        public List<string> Samples { get; } = [];
    }
}
