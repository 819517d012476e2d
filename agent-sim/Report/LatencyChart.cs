using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>p50, p95 and p99 of each interval as lines; an interval without requests breaks the lines.</summary>
internal static class LatencyChart
{
    public static readonly IReadOnlyList<ChartSeries> Series =
    [
        new("p50", "#0072B2"),
        new("p95", "#E69F00", "9 4"),
        new("p99", "#D55E00", "3 3"),
    ];

    public static void Write(TextWriter writer, LoadTimeline timeline, TimeAxis time, IReadOnlyList<TimeBand>? bands = null)
    {
        TimelinePoint[] busy = timeline.Points.Where(p => p.Requests > 0).ToArray();
        TimelinePoint? worst = busy.MaxBy(p => p.Latency.P99Ms);
        var chart = new SvgChart(time, worst?.Latency.P99Ms ?? 0, "latency (ms)");
        chart.Bands(bands ?? []);
        foreach (TimelinePoint[] segment in Segments(timeline.Points))
        {
            chart.Line(Series[0], segment.Select(p => (Middle(p), p.Latency.P50Ms)).ToArray());
            chart.Line(Series[1], segment.Select(p => (Middle(p), p.Latency.P95Ms)).ToArray());
            chart.Line(Series[2], segment.Select(p => (Middle(p), p.Latency.P99Ms)).ToArray());
        }

        string description = worst is null
            ? "No request ended during the run."
            : $"Latency percentiles of the requests ending in each {time.Format(timeline.Interval)} interval, in milliseconds. "
              + $"p99 peaked at {Html.Number(worst.Latency.P99Ms)} ms in the interval starting at {time.Format(worst.Start)}.";
        chart.WriteTo(writer, "latency", "Latency over time (p50, p95, p99)", description, Series);
    }

    public static TimeSpan Middle(TimelinePoint point) => point.Start + (point.Width / 2);

    private static IEnumerable<TimelinePoint[]> Segments(IReadOnlyList<TimelinePoint> points)
    {
        var segment = new List<TimelinePoint>();
        foreach (TimelinePoint point in points)
        {
            if (point.Requests > 0)
            {
                segment.Add(point);
            }
            else if (segment.Count > 0)
            {
                yield return segment.ToArray();
                segment.Clear();
            }
        }

        if (segment.Count > 0)
        {
            yield return segment.ToArray();
        }
    }
}
