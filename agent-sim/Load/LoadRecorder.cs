using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>Collects every request and scenario outcome of a run; shared by the workers.</summary>
internal sealed class LoadRecorder
{
    private const int MaxSamples = 5;

    private readonly Lock gate = new();
    private readonly LatencyHistogram latency = new();
    private readonly Dictionary<(int? Status, string? NsError, string? Error), long> outcomes = [];
    private readonly Dictionary<ScenarioKind, ScenarioTally> scenarios = [];
    private readonly TimeProvider time;
    private readonly long started;
    private readonly TimelineRecorder timeline;
    private long requests;
    private long roundTrips;
    private long unexpected;

    /// <param name="timeProvider">The clock of the timeline; default the system's.</param>
    /// <param name="interval">The timeline's interval; default 1 s (see <see cref="TimelineInterval.For"/>).</param>
    public LoadRecorder(TimeProvider? timeProvider = null, TimeSpan? interval = null)
    {
        time = timeProvider ?? TimeProvider.System;
        started = time.GetTimestamp();
        timeline = new TimelineRecorder(time.GetUtcNow(), interval ?? TimeSpan.FromSeconds(1));
    }

    public long Requests => Interlocked.Read(ref requests);

    public long UnexpectedRuns => Interlocked.Read(ref unexpected);

    public void RecordRequest(RequestOutcome outcome)
    {
        lock (gate)
        {
            latency.Record(outcome.Latency);
            var key = (outcome.Status is { } status ? (int?)status : null, outcome.NsError, outcome.Error);
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            roundTrips += outcome.RoundTrips;
            timeline.Record(time.GetElapsedTime(started), outcome);
            Interlocked.Increment(ref requests);
        }
    }

    /// <param name="detail">Why the run was unexpected; must never contain a credential.</param>
    public void RecordRun(ScenarioKind kind, bool asExpected, string? detail)
    {
        lock (gate)
        {
            ScenarioTally tally = scenarios.TryGetValue(kind, out ScenarioTally? existing) ? existing : scenarios[kind] = new ScenarioTally();
            tally.Runs++;
            if (asExpected)
            {
                tally.AsExpected++;
                return;
            }

            Interlocked.Increment(ref unexpected);
            if (tally.Samples.Count < MaxSamples && detail is not null && !tally.Samples.Contains(detail))
            {
                tally.Samples.Add(detail);
            }
        }
    }

    public LoadSummary Summarize(LoadOptions options, TimeSpan elapsed, Func<ScenarioKind, string?> skipReason)
    {
        lock (gate)
        {
            var latencySummary = new LatencySummary(
                Ms(latency.Percentile(0.50)), Ms(latency.Percentile(0.95)), Ms(latency.Percentile(0.99)),
                latency.MaxMicros / 1000.0);
            OutcomeCount[] counts = outcomes
                .Select(o => new OutcomeCount(o.Key.Status, o.Key.NsError, o.Key.Error, o.Value))
                .OrderByDescending(o => o.Count).ThenBy(o => o.Label, StringComparer.Ordinal)
                .ToArray();
            ScenarioSummary[] perScenario = Enum.GetValues<ScenarioKind>()
                .Select(kind =>
                {
                    ScenarioTally tally = scenarios.GetValueOrDefault(kind) ?? new ScenarioTally();
                    return new ScenarioSummary(ScenarioMix.NameOf(kind), options.Mix.WeightOf(kind), tally.Runs,
                        tally.AsExpected, tally.Runs - tally.AsExpected, skipReason(kind), tally.Samples.ToArray());
                })
                .ToArray();
            return new LoadSummary(options.Agents, options.Concurrency, elapsed, requests, roundTrips,
                latencySummary, counts, perScenario) { Timeline = timeline.Snapshot(elapsed) };
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
