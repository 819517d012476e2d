using System.Globalization;

namespace Smp.AgentSim.Load;

/// <summary>The closing table of a load run, for a terminal.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter writer, LoadSummary summary)
    {
        IFormatProvider c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Format(c, "Load: {0} agents, {1} workers, {2:0.0} s", summary.Agents, summary.Concurrency, summary.Elapsed.TotalSeconds));
        writer.WriteLine(string.Format(c, "  requests     {0,10} ({1} round trips)", summary.Requests, summary.RoundTrips));
        writer.WriteLine(string.Format(c, "  throughput   {0,10:0.0} requests/s", summary.RequestsPerSecond));
        LatencySummary l = summary.Latency;
        writer.WriteLine(string.Format(c, "  latency ms   p50 {0:0.00}  p95 {1:0.00}  p99 {2:0.00}  max {3:0.00}", l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs));
        writer.WriteLine();

        writer.WriteLine(string.Format(c, "  {0,-36} {1,10}", "outcome (status X-SMP-NSError)", "requests"));
        foreach (OutcomeCount outcome in summary.Outcomes)
        {
            writer.WriteLine(string.Format(c, "  {0,-36} {1,10}", outcome.Label, outcome.Count));
        }

        writer.WriteLine();
        writer.WriteLine(string.Format(c, "  {0,-10} {1,6} {2,9} {3,9} {4,10}  {5}", "scenario", "weight", "runs", "expected", "unexpected", "verdict"));
        foreach (ScenarioSummary scenario in summary.Scenarios)
        {
            writer.WriteLine(string.Format(c, "  {0,-10} {1,6} {2,9} {3,9} {4,10}  {5}",
                scenario.Name, scenario.Weight, scenario.Runs, scenario.AsExpected, scenario.Unexpected, Verdict(scenario)));
            foreach (string sample in scenario.Samples)
            {
                writer.WriteLine("      - " + sample);
            }
        }

        writer.WriteLine();
        writer.WriteLine(summary.AllAsExpected
            ? "Result: every scenario behaved as the protocol prescribes."
            : "Result: UNEXPECTED outcomes (see above).");
    }

    internal static string Verdict(ScenarioSummary scenario) => scenario switch
    {
        { SkipReason: { } reason } => "skipped: " + reason,
        { Weight: 0 } => "not in the mix",
        { Runs: 0 } => "NOT RUN",
        { Unexpected: > 0 } => "UNEXPECTED",
        _ => "as expected",
    };
}
