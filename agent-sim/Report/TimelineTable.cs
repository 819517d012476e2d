using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>The numbers behind the charts, interval by interval: the text fallback for anyone who cannot see them.</summary>
internal static class TimelineTable
{
    public static void Write(TextWriter writer, LoadTimeline timeline, TimeAxis time)
    {
        writer.WriteLine("<details id=\"timeline\">");
        writer.WriteLine($"<summary>The charts as a table ({timeline.Points.Count} intervals of {Html.Encode(time.Format(timeline.Interval))})</summary>");
        writer.WriteLine("<table><thead><tr><th scope=\"col\">from</th><th scope=\"col\">requests</th><th scope=\"col\">requests/s</th>"
            + "<th scope=\"col\">p50 ms</th><th scope=\"col\">p95 ms</th><th scope=\"col\">p99 ms</th><th scope=\"col\">max ms</th>"
            + "<th scope=\"col\">outcomes</th></tr></thead><tbody>");
        foreach (TimelinePoint p in timeline.Points)
        {
            IEnumerable<string> outcomes = p.Outcomes.Select(o => $"{o.Label}: {o.Count}");
            if (p.OtherOutcomes > 0)
            {
                outcomes = outcomes.Append($"other outcomes: {p.OtherOutcomes}");
            }

            writer.WriteLine($"<tr><td>{Html.Encode(time.Format(p.Start))}</td><td class=\"n\">{p.Requests}</td>"
                + $"<td class=\"n\">{Html.Number(p.RequestsPerSecond, "0.0")}</td><td class=\"n\">{Html.Number(p.Latency.P50Ms, "0.00")}</td>"
                + $"<td class=\"n\">{Html.Number(p.Latency.P95Ms, "0.00")}</td><td class=\"n\">{Html.Number(p.Latency.P99Ms, "0.00")}</td>"
                + $"<td class=\"n\">{Html.Number(p.Latency.MaxMs, "0.00")}</td><td>{Html.Encode(string.Join("; ", outcomes))}</td></tr>");
        }

        writer.WriteLine("</tbody></table>\n</details>");
    }
}
