using System.Text.Json;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>The summary of a load run as JSON, for <c>--json FILE</c>.</summary>
internal static class SummaryJson
{
    public static void Write(Stream stream, LoadSummary summary)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("agents", summary.Agents);
        writer.WriteNumber("concurrency", summary.Concurrency);
        writer.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        writer.WriteNumber("requests", summary.Requests);
        writer.WriteNumber("roundTrips", summary.RoundTrips);
        writer.WriteNumber("requestsPerSecond", Math.Round(summary.RequestsPerSecond, 1));
        writer.WriteStartObject("latencyMs");
        writer.WriteNumber("p50", Math.Round(summary.Latency.P50Ms, 3));
        writer.WriteNumber("p95", Math.Round(summary.Latency.P95Ms, 3));
        writer.WriteNumber("p99", Math.Round(summary.Latency.P99Ms, 3));
        writer.WriteNumber("max", Math.Round(summary.Latency.MaxMs, 3));
        writer.WriteEndObject();

        writer.WriteStartArray("outcomes");
        foreach (OutcomeCount outcome in summary.Outcomes)
        {
            writer.WriteStartObject();
            if (outcome.Status is { } status)
            {
                writer.WriteNumber("status", status);
            }

            WriteOptional(writer, "nsError", outcome.NsError);
            WriteOptional(writer, "error", outcome.Error);
            writer.WriteNumber("count", outcome.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("scenarios");
        foreach (ScenarioSummary scenario in summary.Scenarios)
        {
            writer.WriteStartObject();
            writer.WriteString("name", scenario.Name);
            writer.WriteNumber("weight", scenario.Weight);
            writer.WriteNumber("runs", scenario.Runs);
            writer.WriteNumber("asExpected", scenario.AsExpected);
            writer.WriteNumber("unexpected", scenario.Unexpected);
            writer.WriteBoolean("passed", scenario.Passed);
            WriteOptional(writer, "skipped", scenario.SkipReason);
            writer.WriteStartArray("samples");
            foreach (string sample in scenario.Samples)
            {
                writer.WriteStringValue(sample);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("allAsExpected", summary.AllAsExpected);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
