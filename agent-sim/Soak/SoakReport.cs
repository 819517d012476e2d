using System.Globalization;
using System.Text.Json;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Soak;

/// <summary>The samples as a table, the verdict, and the same as JSON for <c>--json FILE</c>.</summary>
internal static class SoakReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, SoakResult result)
    {
        SummaryTable.Write(output, result.Load);
        output.WriteLine();
        output.WriteLine("   time   requests  GC total MB  GC heap MB  working set MB  threads  pool threads  handles");
        foreach (ResourceSample s in result.Samples)
        {
            output.WriteLine(string.Create(Invariant,
                $"{s.Elapsed.TotalSeconds,6:0}s {s.Requests,10} {Mb(s.TotalMemory),12:0.0} {Mb(s.HeapSize),11:0.0} {Mb(s.WorkingSet),15:0.0} {s.Threads,8} {s.ThreadPoolThreads,13} {s.Handles,8}"));
        }

        SoakVerdict v = result.Verdict;
        output.WriteLine();
        output.WriteLine(string.Create(Invariant,
            $"Medians, second third -> last third of {v.Samples} samples: GC heap {Mb(v.SecondThirdHeap):0.0} -> {Mb(v.LastThirdHeap):0.0} MB ({v.HeapChange:+0.0%;-0.0%}), working set {Mb(v.SecondThirdWorkingSet):0.0} -> {Mb(v.LastThirdWorkingSet):0.0} MB ({v.WorkingSetChange:+0.0%;-0.0%}), threads {v.SecondThirdThreads:0} -> {v.LastThirdThreads:0}."));
        output.WriteLine(v.Flat
            ? string.Create(Invariant, $"Memory flat: both within {SoakVerdict.Tolerance:0%}.")
            : v.Samples < SoakVerdict.MinimumSamples
                ? $"Memory not judged: {v.Samples} samples, {SoakVerdict.MinimumSamples} needed."
                : string.Create(Invariant, $"Memory NOT flat: a median moved by more than {SoakVerdict.Tolerance:0%}."));
        output.WriteLine(result.Passed ? "Soak passed." : "Soak failed.");
    }

    public static void WriteJson(Stream stream, SoakResult result)
    {
        using var load = new MemoryStream();
        SummaryJson.Write(load, result.Load);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteBoolean("passed", result.Passed);
        SoakVerdict v = result.Verdict;
        writer.WriteStartObject("verdict");
        writer.WriteBoolean("flat", v.Flat);
        writer.WriteNumber("samples", v.Samples);
        writer.WriteNumber("tolerance", SoakVerdict.Tolerance);
        WriteMedians(writer, "heapBytes", v.SecondThirdHeap, v.LastThirdHeap, v.HeapChange);
        WriteMedians(writer, "workingSetBytes", v.SecondThirdWorkingSet, v.LastThirdWorkingSet, v.WorkingSetChange);
        WriteMedians(writer, "threads", v.SecondThirdThreads, v.LastThirdThreads, double.NaN);
        writer.WriteEndObject();
        writer.WriteStartArray("samples");
        foreach (ResourceSample s in result.Samples)
        {
            writer.WriteStartObject();
            writer.WriteNumber("elapsedSeconds", Math.Round(s.Elapsed.TotalSeconds, 1));
            writer.WriteNumber("requests", s.Requests);
            writer.WriteNumber("gcTotalMemoryBytes", s.TotalMemory);
            writer.WriteNumber("gcHeapSizeBytes", s.HeapSize);
            writer.WriteNumber("workingSetBytes", s.WorkingSet);
            writer.WriteNumber("threads", s.Threads);
            writer.WriteNumber("threadPoolThreads", s.ThreadPoolThreads);
            writer.WriteNumber("handles", s.Handles);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("load");
        writer.WriteRawValue(load.ToArray());
        writer.WriteEndObject();
    }

    private static void WriteMedians(Utf8JsonWriter writer, string name, double second, double last, double change)
    {
        writer.WriteStartObject(name);
        WriteNumber(writer, "secondThirdMedian", second);
        WriteNumber(writer, "lastThirdMedian", last);
        WriteNumber(writer, "change", change);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static double Mb(double bytes) => bytes / (1024 * 1024);
}
