using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Smp.AgentSim.Bench;

/// <summary>
/// The outcome of a run: requests per second of each target in each round, and the ratios, each
/// the median over rounds of the ratio within a round (so a round where the machine was busier
/// weighs on both sides of its ratios alike).
/// </summary>
internal sealed class BenchReport(BenchOptions options, IReadOnlyList<string> targets, IReadOnlyList<IReadOnlyDictionary<string, WrkResult>> rounds, string? nginxNote)
{
    public static string Machine =>
        $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, loopback only";

    /// <summary>True when every measurement of every round was clean: every figure is backed by all its rounds.</summary>
    public bool Complete => rounds.All(round => targets.All(t => round.TryGetValue(t, out WrkResult? r) && r.Clean));

    public void WriteTable(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"agent-sim bench: {options.Rounds} rounds; each target {options.Seconds} s after a {options.WarmupSeconds} s warm-up; {Load(options)}; GET {BenchRunner.Page}");
        output.WriteLine($"machine: {Machine}");
        if (nginxNote is not null)
        {
            output.WriteLine(nginxNote);
        }

        WriteRows(output, "requests/s", r => r.RequestsPerSecond, "{0,10:N0}");
        if (rounds.Any(round => round.Values.Any(r => r.CpuMicrosecondsPerRequest is not null)))
        {
            WriteRows(output, "CPU us/request (its process)", r => r.CpuMicrosecondsPerRequest, "{0,10:N1}");
            WriteRows(output, "context switches/request", r => r.ContextSwitchesPerRequest, "{0,10:0.00}");
            foreach ((string label, string top, string bottom) in CpuDifferences.Where(d => targets.Contains(d.Top) && targets.Contains(d.Bottom)))
            {
                output.WriteLine(CpuDifference(top, bottom) is { } extra
                    ? string.Format(c, "{0}: {1:+0.0;-0.0} us CPU per request (median of rounds)", label, extra)
                    : $"{label}: not measured");
            }
        }

        output.WriteLine();
        foreach (BenchRatio ratio in Ratios())
        {
            output.Write(string.Format(c, "{0,-30}", ratio.Label));
            foreach (IReadOnlyDictionary<string, WrkResult> round in rounds)
            {
                output.Write(ratio.In(round) is { } value ? string.Format(c, "{0,10:0.000}", value) : string.Format(c, "{0,10}", "-"));
            }

            output.WriteLine(ratio.Median(rounds) is { } median ? string.Format(c, "{0,10:0.000}", median) : string.Format(c, "{0,10}", "-"));
        }

        output.WriteLine();
        foreach (BenchRatio ratio in Ratios())
        {
            output.WriteLine(FinalLine(ratio, ratio.Median(rounds)));
        }
    }

    /// <summary>What the gateway's process spends per request over plain YARP's, on the same load.</summary>
    private static readonly (string Label, string Top, string Bottom)[] CpuDifferences =
    [
        ("keep-alive gateway over YARP", BenchTarget.GatewayKeepAlive, BenchTarget.Yarp),
        ("fresh proof gateway over YARP", BenchTarget.GatewayFresh, BenchTarget.YarpProof),
        ("keep-alive gateway over compared", BenchTarget.GatewayKeepAlive, BenchTarget.ComparedKeepAlive),
        ("fresh proof gateway over compared", BenchTarget.GatewayFresh, BenchTarget.ComparedFresh),
        ("HTTP/2 keep-alive gateway over YARP", BenchTarget.GatewayKeepAliveH2, BenchTarget.YarpH2),
        ("HTTP/2 fresh proof gateway over YARP", BenchTarget.GatewayFreshH2, BenchTarget.YarpProofH2),
    ];

    /// <summary>The median over rounds of the difference in CPU per request between two targets.</summary>
    internal double? CpuDifference(string top, string bottom) =>
        BenchRatio.MedianOf(rounds
            .Select(round => round.GetValueOrDefault(top)?.CpuMicrosecondsPerRequest - round.GetValueOrDefault(bottom)?.CpuMicrosecondsPerRequest)
            .OfType<double>().ToArray());

    /// <summary>A row per target, a column per round and the median; a run that was not clean shows as failed.</summary>
    private void WriteRows(TextWriter output, string title, Func<WrkResult, double?> value, string format)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.Write(string.Format(c, "{0,-30}", title));
        for (int r = 1; r <= rounds.Count; r++)
        {
            output.Write(string.Format(c, "{0,10}", "round " + r));
        }

        output.WriteLine(string.Format(c, "{0,10}", "median"));
        foreach (string target in targets)
        {
            output.Write(string.Format(c, "{0,-30}", target));
            var values = new List<double>();
            foreach (IReadOnlyDictionary<string, WrkResult> round in rounds)
            {
                double? figure = round.GetValueOrDefault(target) is { Clean: true } result ? value(result) : null;
                output.Write(figure is { } v ? string.Format(c, format, v) : string.Format(c, "{0,10}", round.ContainsKey(target) ? "failed" : "-"));
                if (figure is { } kept)
                {
                    values.Add(kept);
                }
            }

            output.WriteLine(BenchRatio.MedianOf(values) is { } median ? string.Format(c, format, median) : string.Format(c, "{0,10}", "-"));
        }
    }

    /// <summary>The load of every measurement, as the table's heading says it.</summary>
    internal static string Load(BenchOptions options) => options.Http2
        ? $"HTTP/2 over cleartext (h2c), {options.Connections} connections x {options.Streams} streams (H2Driver; h2load -t1 -c{options.Connections} -m{options.Streams} for {BenchTarget.YarpH2load})"
        : $"wrk -t1 -c{options.Connections}";

    /// <summary><c>keep-alive gateway/YARP 0.98 (target 0.97) met</c>; without a target, the figure alone.</summary>
    internal static string FinalLine(BenchRatio ratio, double? median)
    {
        var c = CultureInfo.InvariantCulture;
        if (median is not { } value)
        {
            return $"{ratio.Label} not measured";
        }

        return ratio.Target is { } target
            ? string.Format(c, "{0} {1:0.00} (target {2:0.00}) {3}", ratio.Label, value, target, ratio.Verdict(value))
            : string.Format(c, "{0} {1:0.00}", ratio.Label, value);
    }

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("machine", Machine);
        json.WriteNumber("rounds", options.Rounds);
        json.WriteNumber("seconds", options.Seconds);
        json.WriteNumber("connections", options.Connections);
        json.WriteString("protocol", options.Http2 ? "h2c" : "http/1.1");
        if (options.Http2)
        {
            json.WriteNumber("streams", options.Streams);
        }

        json.WriteStartObject("ratios");
        foreach (BenchRatio ratio in Ratios())
        {
            json.WriteStartObject(ratio.Label);
            if (ratio.Median(rounds) is { } median)
            {
                json.WriteNumber("median", Math.Round(median, 4));
            }

            if (ratio.Target is { } target)
            {
                json.WriteNumber("target", target);
            }

            json.WriteStartArray("rounds");
            foreach (IReadOnlyDictionary<string, WrkResult> round in rounds)
            {
                if (ratio.In(round) is { } value)
                {
                    json.WriteNumberValue(Math.Round(value, 4));
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteJsonRows(json, "requestsPerSecond", r => Math.Round(r.RequestsPerSecond, 1));
        WriteJsonRows(json, "cpuMicrosecondsPerRequest", r => r.CpuMicrosecondsPerRequest is { } cpu ? Math.Round(cpu, 2) : null);
        json.WriteEndObject();
    }

    private void WriteJsonRows(Utf8JsonWriter json, string name, Func<WrkResult, double?> value)
    {
        json.WriteStartObject(name);
        foreach (string target in targets)
        {
            json.WriteStartArray(target);
            foreach (IReadOnlyDictionary<string, WrkResult> round in rounds)
            {
                if (round.GetValueOrDefault(target) is { Clean: true } result && value(result) is { } figure)
                {
                    json.WriteNumberValue(figure);
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>The ratios whose two targets were part of this run.</summary>
    private IEnumerable<BenchRatio> Ratios() =>
        BenchRatio.All.Where(r => targets.Contains(r.Numerator) && targets.Contains(r.Denominator));
}
