using System.Globalization;
using System.Text.Json;
using Smp.AgentSim.Load;
using Smp.AgentSim.Report;

namespace Smp.AgentSim.Cluster;

/// <summary>A cluster run as text (the load's table, the faults, the verdict, each node's memory), as JSON and as an HTML page.</summary>
internal static class ClusterReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, ClusterResult r)
    {
        SummaryTable.Write(output, r.Load);
        output.WriteLine();
        foreach (string line in Lines(r))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>The figures the issue asks for, one a line; the same lines head the HTML page's verdict.</summary>
    public static IEnumerable<string> Lines(ClusterResult r)
    {
        yield return string.Create(Invariant,
            $"{r.Nodes} nodes, {r.Load.Agents} agents: {r.Load.RequestsPerSecond:0.0} requests/s, p50 {r.Load.Latency.P50Ms:0.0} ms, p99 {r.Load.Latency.P99Ms:0.0} ms.");
        yield return $"Failed attempts (each retried with a new proof): {r.ErrorsInFaults} inside fault windows (+{FaultWindow.Grace.TotalSeconds:0} s), {r.ErrorsOutside} outside; {r.GaveUp} gave up.";
        foreach (FaultRecovery recovery in r.Recoveries)
        {
            FaultWindow f = recovery.Fault;
            string back = recovery.SecondsBack is { } s ? string.Create(Invariant, $"back to {FaultRecovery.Fraction:0%} of {recovery.Level:0.#}/s {s:0.#} s after") : "NOT back before the end";
            yield return string.Create(Invariant, $"  {f.Start.TotalSeconds,6:0.0}-{f.End.TotalSeconds,6:0.0} s  {f.Label}: {back}.");
        }

        foreach (FaultWindow f in r.Faults.Where(f => !f.IsDisruptive))
        {
            yield return string.Create(Invariant, $"  {f.Start.TotalSeconds,6:0.0}-{f.End.TotalSeconds,6:0.0} s  {f.Label}.");
        }

        yield return $"Proofs at the legacy server{(r.Faults.Any(f => f.Kind == FaultKind.SiteAdded) ? "s (the Site's too)" : "")}: {r.Proofs} distinct, {r.Doubles} accepted twice, {r.WithoutProofId} without a proof id.";
        if (r.Faults.Any(f => f.Kind == FaultKind.SiteAdded))
        {
            yield return $"Site: {r.SiteServed} calls served to the agents moved to it, {r.SiteProofs} proofs at its legacy server.";
        }

        yield return $"Revoked agents: {r.Revoked}; refused after revocation {r.RevokedRefused} time(s); served after revocation {r.RevokedServed} (agents) / {r.RevokedServedAtLegacy} (legacy server).";
        foreach (NodeMemory m in r.Memory)
        {
            yield return string.Create(Invariant, $"  {m.Node}: RSS {m.RssMiB:0.0} MiB, peak {m.PeakMiB:0.0} MiB{(m.Restarts > 0 ? $" (since its restart)" : "")}.");
        }

        ClusterVerdict verdict = r.Verdict;
        foreach (string failure in verdict.Failures)
        {
            yield return "FAILED: " + failure;
        }

        yield return verdict.Passed ? "Cluster run passed." : "Cluster run failed.";
    }

    public static void WriteJson(Stream stream, ClusterResult r)
    {
        using var load = new MemoryStream();
        SummaryJson.Write(load, r.Load);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteBoolean("passed", r.Verdict.Passed);
        writer.WriteStartArray("failures");
        foreach (string failure in r.Verdict.Failures)
        {
            writer.WriteStringValue(failure);
        }

        writer.WriteEndArray();
        writer.WriteNumber("nodes", r.Nodes);
        writer.WriteNumber("errorsInFaultWindows", r.ErrorsInFaults);
        writer.WriteNumber("errorsOutsideFaultWindows", r.ErrorsOutside);
        writer.WriteNumber("gaveUp", r.GaveUp);
        writer.WriteNumber("proofs", r.Proofs);
        writer.WriteNumber("doubles", r.Doubles);
        writer.WriteNumber("withoutProofId", r.WithoutProofId);
        writer.WriteNumber("siteServed", r.SiteServed);
        writer.WriteNumber("siteProofs", r.SiteProofs);
        writer.WriteNumber("revoked", r.Revoked);
        writer.WriteNumber("revokedRefused", r.RevokedRefused);
        writer.WriteNumber("revokedServed", r.RevokedServed);
        writer.WriteNumber("revokedServedAtLegacy", r.RevokedServedAtLegacy);
        writer.WriteStartArray("faults");
        foreach (FaultWindow f in r.Faults)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", f.Kind.ToString());
            writer.WriteString("label", f.Label);
            writer.WriteNumber("startSeconds", Math.Round(f.Start.TotalSeconds, 3));
            writer.WriteNumber("endSeconds", Math.Round(f.End.TotalSeconds, 3));
            if (r.Recoveries.FirstOrDefault(x => x.Fault == f) is { } recovery)
            {
                writer.WriteNumber("levelPerSecond", Math.Round(recovery.Level, 1));
                if (recovery.SecondsBack is { } back)
                {
                    writer.WriteNumber("secondsBackToLevel", Math.Round(back, 1));
                }
                else
                {
                    writer.WriteNull("secondsBackToLevel");
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("nodeMemory");
        foreach (NodeMemory m in r.Memory)
        {
            writer.WriteStartObject();
            writer.WriteString("node", m.Node);
            writer.WriteNumber("rssMiB", Math.Round(m.RssMiB, 1));
            writer.WriteNumber("peakMiB", Math.Round(m.PeakMiB, 1));
            writer.WriteNumber("restarts", m.Restarts);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("load");
        writer.WriteRawValue(load.ToArray());
        writer.WriteEndObject();
    }

    /// <summary>The load's page, the faults shaded on its time charts, the verdict after its summary.</summary>
    public static void WriteHtml(string path, ClusterResult r, string title) =>
        HtmlReport.Write(r.Load, path, title, r.Faults.Select(f => new TimeBand(f.Start, f.End + (f.IsDisruptive ? FaultWindow.Grace : TimeSpan.Zero), f.Label)).ToArray(), writer =>
        {
            writer.WriteLine("<section id=\"cluster\"><h2>Cluster verdict and faults</h2><ul>");
            foreach (string line in Lines(r))
            {
                writer.WriteLine($"<li>{Html.Encode(line.Trim())}</li>");
            }

            writer.WriteLine("</ul></section>");
        });
}
