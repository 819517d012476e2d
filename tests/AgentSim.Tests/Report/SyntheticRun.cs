using System.Net;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Report;

/// <summary>
/// A made-up 30 s run for the report: latency that swells and falls, a 3 s stall without a request,
/// a few refusals, and a code no honest server sends.
/// </summary>
internal static class SyntheticRun
{
    public const string HostileCode = "<img src=x onerror=alert(1)>\"'&";

    public static LoadSummary Summary()
    {
        var timeline = new TimelineRecorder(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), TimeSpan.FromSeconds(1));
        var totals = new Dictionary<(int, string?), long>();
        var latency = new LatencyHistogram();
        for (int tenth = 0; tenth < 300; tenth++)
        {
            if (tenth is >= 120 and < 150)
            {
                continue;
            }

            for (int i = 0; i < 20; i++)
            {
                (HttpStatusCode status, string? code) = (i, tenth % 50) switch
                {
                    (0, _) => (HttpStatusCode.Forbidden, "replay"),
                    (1, < 10) => (HttpStatusCode.Unauthorized, "expired-token"),
                    (2, 0) => (HttpStatusCode.Forbidden, HostileCode),
                    _ => (HttpStatusCode.OK, null),
                };
                double ms = 5 + (40 * Math.Sin(tenth / 40.0) * Math.Sin(tenth / 40.0)) + (i * i / 4.0);
                var outcome = new RequestOutcome(status, code, null, 1, SmpCredentialKind.Proof, false, TimeSpan.FromMilliseconds(ms));
                timeline.Record(TimeSpan.FromSeconds((tenth / 10.0) + (i / 200.0)), outcome);
                latency.Record(outcome.Latency);
                totals[((int)status, code)] = totals.GetValueOrDefault(((int)status, code)) + 1;
            }
        }

        long requests = totals.Values.Sum();
        OutcomeCount[] outcomes = totals.Select(t => new OutcomeCount(t.Key.Item1, t.Key.Item2, null, t.Value)).OrderByDescending(o => o.Count).ToArray();
        ScenarioSummary[] scenarios =
        [
            new("warm", 6, 4000, 4000, 0, null, []),
            new("replay", 1, 270, 269, 1, null, ["403 " + HostileCode + " after 2 round trip(s), last Proof"]),
        ];
        var summary = new LatencySummary(latency.Percentile(0.5).TotalMilliseconds, latency.Percentile(0.95).TotalMilliseconds,
            latency.Percentile(0.99).TotalMilliseconds, latency.MaxMicros / 1000.0);
        return new LoadSummary(50, 8, TimeSpan.FromSeconds(30), requests, requests, summary, outcomes, scenarios)
        {
            Timeline = timeline.Snapshot(TimeSpan.FromSeconds(30)),
        };
    }
}
