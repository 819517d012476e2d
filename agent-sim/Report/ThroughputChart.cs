using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>Requests per second of each interval; an interval without requests shows as zero, a stall as a gap to the floor.</summary>
internal static class ThroughputChart
{
    public static readonly ChartSeries Series = new("requests/s", "#009E73");

    public static void Write(TextWriter writer, LoadTimeline timeline, TimeAxis time, IReadOnlyList<TimeBand>? bands = null)
    {
        (TimeSpan At, double Value)[] points = timeline.Points
            .Where(p => p.Width > TimeSpan.Zero)
            .Select(p => (LatencyChart.Middle(p), p.RequestsPerSecond))
            .ToArray();
        double peak = points.Select(p => p.Value).DefaultIfEmpty(0).Max();
        var chart = new SvgChart(time, peak, "requests per second");
        chart.Bands(bands ?? []);
        if (peak > 0)
        {
            chart.Line(Series, points);
        }

        int idle = timeline.Points.Count(p => p.Requests == 0 && p.Width > TimeSpan.Zero);
        string description = peak > 0
            ? $"Requests ending per second, in {time.Format(timeline.Interval)} intervals: peak {Html.Number(peak, "0.#")}/s, "
              + $"lowest {Html.Number(points.Min(p => p.Value), "0.#")}/s; {idle} interval(s) without a request."
            : "No request ended during the run.";
        chart.WriteTo(writer, "throughput", "Throughput over time", description, [Series]);
    }
}
