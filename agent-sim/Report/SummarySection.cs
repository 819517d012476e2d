using Smp.AgentSim.Load;

namespace Smp.AgentSim.Report;

/// <summary>The closing table of <see cref="SummaryTable"/> as HTML tables: the run, its outcomes, each scenario's verdict.</summary>
internal static class SummarySection
{
    public static void Write(TextWriter writer, LoadSummary summary)
    {
        LatencySummary l = summary.Latency;
        writer.WriteLine("<section id=\"summary\">\n<h2>Summary</h2>");
        writer.WriteLine(summary.AllAsExpected
            ? "<p class=\"verdict pass\">Every scenario behaved as the protocol prescribes.</p>"
            : "<p class=\"verdict fail\">UNEXPECTED outcomes: see the scenarios below.</p>");
        writer.WriteLine("<table class=\"run\"><tbody>");
        Row(writer, "agents", summary.Agents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(writer, "workers", summary.Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(writer, "elapsed", Html.Number(summary.Elapsed.TotalSeconds, "0.0") + " s");
        Row(writer, "requests", $"{summary.Requests} ({summary.RoundTrips} round trips)");
        Row(writer, "throughput", Html.Number(summary.RequestsPerSecond, "0.0") + " requests/s");
        Row(writer, "latency", $"p50 {Html.Number(l.P50Ms, "0.00")} ms, p95 {Html.Number(l.P95Ms, "0.00")} ms, "
            + $"p99 {Html.Number(l.P99Ms, "0.00")} ms, max {Html.Number(l.MaxMs, "0.00")} ms");
        writer.WriteLine("</tbody></table>");

        writer.WriteLine("<table class=\"outcomes\"><caption>Outcomes (status and X-SMP-NSError)</caption>");
        writer.WriteLine("<thead><tr><th scope=\"col\">outcome</th><th scope=\"col\">requests</th><th scope=\"col\">share</th></tr></thead><tbody>");
        foreach (OutcomeCount outcome in summary.Outcomes)
        {
            double share = summary.Requests > 0 ? 100.0 * outcome.Count / summary.Requests : 0;
            writer.WriteLine($"<tr><td>{Html.Encode(outcome.Label)}</td><td class=\"n\">{outcome.Count}</td><td class=\"n\">{Html.Number(share, "0.0")} %</td></tr>");
        }

        writer.WriteLine("</tbody></table>");
        writer.WriteLine("<table class=\"scenarios\"><caption>Scenarios</caption>");
        writer.WriteLine("<thead><tr><th scope=\"col\">scenario</th><th scope=\"col\">weight</th><th scope=\"col\">runs</th>"
            + "<th scope=\"col\">expected</th><th scope=\"col\">unexpected</th><th scope=\"col\">verdict</th></tr></thead><tbody>");
        foreach (ScenarioSummary scenario in summary.Scenarios)
        {
            string samples = scenario.Samples.Count == 0
                ? ""
                : "<ul class=\"samples\">" + string.Concat(scenario.Samples.Select(s => $"<li>{Html.Encode(s)}</li>")) + "</ul>";
            writer.WriteLine($"<tr><td>{Html.Encode(scenario.Name)}</td><td class=\"n\">{scenario.Weight}</td><td class=\"n\">{scenario.Runs}</td>"
                + $"<td class=\"n\">{scenario.AsExpected}</td><td class=\"n\">{scenario.Unexpected}</td>"
                + $"<td>{Html.Encode(SummaryTable.Verdict(scenario))}{samples}</td></tr>");
        }

        writer.WriteLine("</tbody></table>\n</section>");
    }

    private static void Row(TextWriter writer, string name, string value) =>
        writer.WriteLine($"<tr><th scope=\"row\">{name}</th><td>{Html.Encode(value)}</td></tr>");
}
