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

    private readonly TimeSpan _interval;
    private readonly LatencyHistogram _latency = new();
    private readonly Dictionary<(int? Status, string? NsError, string? Error), long> _outcomes = [];
    private readonly List<TimelinePoint> _closed = [];
    private long _openIndex;
    private long _openRequests;
    private long _openOthers;
    private TimeSpan _lastAt;

    public TimelineRecorder(DateTimeOffset startedAt, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        StartedAt = startedAt;
        _interval = interval;
    }

    public DateTimeOffset StartedAt { get; }

    /// <param name="at">When the request ended, from the start of the run.</param>
    public void Record(TimeSpan at, RequestOutcome outcome)
    {
        _lastAt = at > _lastAt ? at : _lastAt;
        CloseUntil(_lastAt.Ticks / _interval.Ticks);
        _latency.Record(outcome.Latency);
        _openRequests++;
        var key = (outcome.Status is { } status ? (int?)status : null, outcome.NsError, outcome.Error);
        if (_outcomes.Count < MaxOutcomesPerPoint || _outcomes.ContainsKey(key))
        {
            _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
        }
        else
        {
            _openOthers++;
        }
    }

    /// <summary>The points up to <paramref name="elapsed"/>, the last one possibly shorter; records on afterwards.</summary>
    public LoadTimeline Snapshot(TimeSpan elapsed)
    {
        elapsed = elapsed > _lastAt ? elapsed : _lastAt;
        long end = elapsed.Ticks / _interval.Ticks;
        TimeSpan rest = TimeSpan.FromTicks(elapsed.Ticks % _interval.Ticks);
        var points = new List<TimelinePoint>(_closed) { OpenPoint(_openIndex, end > _openIndex ? _interval : rest) };
        for (long index = _openIndex + 1; index < end; index++)
        {
            points.Add(EmptyPoint(index, _interval));
        }

        if (end > _openIndex && rest > TimeSpan.Zero)
        {
            points.Add(EmptyPoint(end, rest));
        }

        if (points[^1] is { Requests: 0, Width.Ticks: 0 })
        {
            points.RemoveAt(points.Count - 1);
        }

        return new LoadTimeline(StartedAt, _interval, points);
    }

    private void CloseUntil(long index)
    {
        if (index <= _openIndex)
        {
            return;
        }

        _closed.Add(OpenPoint(_openIndex, _interval));
        for (long gap = _openIndex + 1; gap < index; gap++)
        {
            _closed.Add(EmptyPoint(gap, _interval));
        }

        _openIndex = index;
        _openRequests = 0;
        _openOthers = 0;
        _latency.Clear();
        _outcomes.Clear();
    }

    private TimelinePoint OpenPoint(long index, TimeSpan width)
    {
        var summary = new LatencySummary(
            _latency.Percentile(0.50).TotalMilliseconds, _latency.Percentile(0.95).TotalMilliseconds,
            _latency.Percentile(0.99).TotalMilliseconds, _latency.MaxMicros / 1000.0);
        OutcomeCount[] counts = _outcomes
            .Select(o => new OutcomeCount(o.Key.Status, o.Key.NsError, o.Key.Error, o.Value))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Label, StringComparer.Ordinal)
            .ToArray();
        return new TimelinePoint(StartOf(index), width, _openRequests, summary, counts, _openOthers);
    }

    private TimelinePoint EmptyPoint(long index, TimeSpan width) =>
        new(StartOf(index), width, 0, new LatencySummary(0, 0, 0, 0), [], 0);

    private TimeSpan StartOf(long index) => TimeSpan.FromTicks(index * _interval.Ticks);
}
