using System.Security.Cryptography;
using System.Text;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>
/// <c>--html FILE</c>: one self-contained page (inline CSS, charts as inline SVG, no URL at all)
/// with the summary, latency percentiles and throughput over time, and outcomes by status and code.
/// </summary>
internal static class HtmlReport
{
    private static readonly string Policy =
        $"default-src 'none'; style-src '{Hash(ReportAssets.Css)}'; script-src '{Hash(ReportAssets.Script)}'";

    /// <param name="title">The page's heading, e.g. the command that ran.</param>
    /// <param name="bands">Stretches shaded on the time charts (a cluster run's faults); default none.</param>
    /// <param name="section">More of the page after the summary (a cluster run's verdict); default none.</param>
    public static void Write(LoadSummary summary, string path, string title = "agent-sim load", IReadOnlyList<TimeBand>? bands = null, Action<TextWriter>? section = null)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(writer, summary, title, bands, section);
    }

    public static void Write(TextWriter writer, LoadSummary summary, string title, IReadOnlyList<TimeBand>? bands = null, Action<TextWriter>? section = null)
    {
        LoadTimeline timeline = summary.Timeline;
        TimeSpan end = timeline.Points.Count > 0 ? timeline.Points[^1].End : TimeSpan.Zero;
        var time = new TimeAxis(end > summary.Elapsed ? end : summary.Elapsed);

        writer.WriteLine("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">");
        writer.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        writer.WriteLine($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">");
        writer.WriteLine($"<title>{Html.Encode(title)}</title>");
        writer.WriteLine($"<style>{ReportAssets.Css}</style>\n</head>\n<body>");
        writer.WriteLine($"<h1>{Html.Encode(title)}</h1>");
        string started = timeline.Points.Count > 0 ? $"Started {timeline.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, ran " : "Ran ";
        writer.WriteLine($"<p class=\"meta\">{Html.Encode(started)}{Html.Number(summary.Elapsed.TotalSeconds, "0.0")} s with "
            + $"{summary.Agents} agents and {summary.Concurrency} workers. Charts in intervals of {Html.Encode(time.Format(timeline.Interval))}.</p>");

        SummarySection.Write(writer, summary);
        section?.Invoke(writer);
        LatencyChart.Write(writer, timeline, time, bands);
        ThroughputChart.Write(writer, timeline, time, bands);
        OutcomeChart.Write(writer, summary, time);
        TimelineTable.Write(writer, timeline, time);

        writer.WriteLine($"<script>{ReportAssets.Script}</script>\n</body>\n</html>");
    }

    private static string Hash(string inline) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));
}
