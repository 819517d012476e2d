using System.Diagnostics;
using System.Globalization;

namespace Smp.AgentSim.Bench;

/// <summary>
/// The CPU a server process (with its child processes: nginx's workers) has used so far, and on Linux its
/// threads' context switches; read before and after a measurement, the difference over the requests served
/// is what one request costs that process, whatever else the machine was doing meanwhile.
/// </summary>
internal readonly record struct ProcessCpu(TimeSpan Cpu, long? ContextSwitches)
{
    private const string Proc = "/proc";

    /// <summary>The process's counters now, or null once it is gone.</summary>
    public static ProcessCpu? Read(int processId)
    {
        try
        {
            TimeSpan cpu = TimeSpan.Zero;
            long? switches = OperatingSystem.IsLinux() ? 0 : null;
            foreach (int id in WithChildren(processId))
            {
                using Process process = Process.GetProcessById(id);
                cpu += process.TotalProcessorTime;
                if (switches is { } sum)
                {
                    switches = sum + ContextSwitchesOf(id);
                }
            }

            return new ProcessCpu(cpu, switches);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What was used between <paramref name="before"/> and <paramref name="after"/>, per request.</summary>
    public static (double CpuMicroseconds, double? ContextSwitches)? PerRequest(ProcessCpu? before, ProcessCpu? after, long requests)
    {
        if (before is not { } b || after is not { } a || requests <= 0)
        {
            return null;
        }

        double? switches = a.ContextSwitches - b.ContextSwitches is { } delta ? (double)delta / requests : null;
        return ((a.Cpu - b.Cpu).TotalMicroseconds / requests, switches);
    }

    private static List<int> WithChildren(int processId)
    {
        var ids = new List<int> { processId };
        string tasks = Path.Combine(Proc, processId.ToString(CultureInfo.InvariantCulture), "task");
        if (!Directory.Exists(tasks))
        {
            return ids;
        }

        foreach (string task in Directory.EnumerateDirectories(tasks))
        {
            string children = Path.Combine(task, "children");
            if (File.Exists(children))
            {
                foreach (string child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    ids.Add(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }

        return ids;
    }

    /// <summary>Voluntary and involuntary switches summed over the process's threads (Linux <c>/proc/PID/task/*/status</c>).</summary>
    private static long ContextSwitchesOf(int processId)
    {
        long sum = 0;
        foreach (string task in Directory.EnumerateDirectories(Path.Combine(Proc, processId.ToString(CultureInfo.InvariantCulture), "task")))
        {
            try
            {
                foreach (string line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal)
                        || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        sum += long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return sum;
    }
}
