using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>Each interval's requests per second as a bar stacked by outcome (status and <c>X-SMP-NSError</c>).</summary>
internal static class OutcomeChart
{
    public static void Write(TextWriter writer, LoadSummary summary, TimeAxis time)
    {
        OutcomeSeries series = OutcomeSeries.From(summary.Outcomes);
        TimelinePoint[] points = summary.Timeline.Points.Where(p => p.Requests > 0 && p.Width > TimeSpan.Zero).ToArray();
        double peak = points.Select(p => p.RequestsPerSecond).DefaultIfEmpty(0).Max();
        var chart = new SvgChart(time, peak, "requests per second");
        foreach (TimelinePoint point in points)
        {
            long[] counts = series.Split(point);
            double low = 0;
            for (int i = 0; i < counts.Length; i++)
            {
                if (counts[i] == 0)
                {
                    continue;
                }

                double high = low + (counts[i] / point.Width.TotalSeconds);
                string tooltip = $"{series.Legend[i].Label}: {counts[i]} request(s) from {time.Format(point.Start)} to {time.Format(point.End)}";
                chart.Bar(series.Legend[i], point.Start, point.End, low, high, tooltip);
                low = high;
            }
        }

        // A server inventing codes must not turn the description into a book; the table lists them all.
        string totals = string.Join("; ", summary.Outcomes.Take(20).Select(o => $"{o.Label}: {o.Count}"))
            + (summary.Outcomes.Count > 20 ? $"; {summary.Outcomes.Count - 20} more in the summary" : "");
        string description = points.Length == 0
            ? "No request ended during the run."
            : $"Requests per second in each {time.Format(summary.Timeline.Interval)} interval, stacked by outcome. Totals: {totals}.";
        chart.WriteTo(writer, "outcomes", "Outcomes over time, by status and X-SMP-NSError", description, series.Legend);
    }
}
