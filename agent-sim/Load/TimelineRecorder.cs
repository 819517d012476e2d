using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>
/// Sorts requests into fixed intervals as they end. Only the open interval keeps a histogram; a
/// closed one keeps its percentiles and at most <see cref="MaxOutcomesPerPoint"/> outcome counts, so
/// memory grows by a few hundred bytes per interval however busy the run. Not thread-safe: its
/// owner serialises access, and records in time order.
/// </summary>
internal sealed class TimelineRecorder
{
    public const int MaxOutcomesPerPoint = 16;

    private readonly TimeSpan interval;
    private readonly LatencyHistogram latency = new();
    private readonly Dictionary<(int? Status, string? NsError, string? Error), long> outcomes = [];
    private readonly List<TimelinePoint> closed = [];
    private long openIndex;
    private long openRequests;
    private long openOthers;
    private TimeSpan lastAt;

    public TimelineRecorder(DateTimeOffset startedAt, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        StartedAt = startedAt;
        this.interval = interval;
    }

    public DateTimeOffset StartedAt { get; }

    /// <param name="at">When the request ended, from the start of the run.</param>
    public void Record(TimeSpan at, RequestOutcome outcome)
    {
        lastAt = at > lastAt ? at : lastAt;
        CloseUntil(lastAt.Ticks / interval.Ticks);
        latency.Record(outcome.Latency);
        openRequests++;
        var key = (outcome.Status is { } status ? (int?)status : null, outcome.NsError, outcome.Error);
        if (outcomes.Count < MaxOutcomesPerPoint || outcomes.ContainsKey(key))
        {
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }
        else
        {
            openOthers++;
        }
    }

    /// <summary>The points up to <paramref name="elapsed"/>, the last one possibly shorter; records on afterwards.</summary>
    public LoadTimeline Snapshot(TimeSpan elapsed)
    {
        elapsed = elapsed > lastAt ? elapsed : lastAt;
        long end = elapsed.Ticks / interval.Ticks;
        TimeSpan rest = TimeSpan.FromTicks(elapsed.Ticks % interval.Ticks);
        var points = new List<TimelinePoint>(closed) { OpenPoint(openIndex, end > openIndex ? interval : rest) };
        for (long index = openIndex + 1; index < end; index++)
        {
            points.Add(EmptyPoint(index, interval));
        }

        if (end > openIndex && rest > TimeSpan.Zero)
        {
            points.Add(EmptyPoint(end, rest));
        }

        if (points[^1] is { Requests: 0, Width.Ticks: 0 })
        {
            points.RemoveAt(points.Count - 1);
        }

        return new LoadTimeline(StartedAt, interval, points);
    }

    private void CloseUntil(long index)
    {
        if (index <= openIndex)
        {
            return;
        }

        closed.Add(OpenPoint(openIndex, interval));
        for (long gap = openIndex + 1; gap < index; gap++)
        {
            closed.Add(EmptyPoint(gap, interval));
        }

        openIndex = index;
        openRequests = 0;
        openOthers = 0;
        latency.Clear();
        outcomes.Clear();
    }

    private TimelinePoint OpenPoint(long index, TimeSpan width)
    {
        var summary = new LatencySummary(
            latency.Percentile(0.50).TotalMilliseconds, latency.Percentile(0.95).TotalMilliseconds,
            latency.Percentile(0.99).TotalMilliseconds, latency.MaxMicros / 1000.0);
        OutcomeCount[] counts = outcomes
            .Select(o => new OutcomeCount(o.Key.Status, o.Key.NsError, o.Key.Error, o.Value))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Label, StringComparer.Ordinal)
            .ToArray();
        return new TimelinePoint(StartOf(index), width, openRequests, summary, counts, openOthers);
    }

    private TimelinePoint EmptyPoint(long index, TimeSpan width) =>
        new(StartOf(index), width, 0, new LatencySummary(0, 0, 0, 0), [], 0);

    private TimeSpan StartOf(long index) => TimeSpan.FromTicks(index * interval.Ticks);
}
