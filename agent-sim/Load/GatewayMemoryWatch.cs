using System.Globalization;

namespace Smp.AgentSim.Load;

/// <summary>
/// <c>load --gateway-pid PID</c>: the gateway process's resident memory before the agents arrive, once they are
/// all enrolled (and how long that took), and after the load, so that what each agent costs shows. With the mix
/// <c>cold=1</c> and <c>--max-requests</c> equal to the agents, every agent makes one hello and one proof: the
/// gateway then holds each one's token, remembered signature, replay entry and agent record.
/// </summary>
internal sealed class GatewayMemoryWatch(int pid, TimeProvider time)
{
    private long _started;

    public int ProcessId => pid;

    public ProcessMemory Before { get; private set; }

    public ProcessMemory Enrolled { get; private set; }

    public TimeSpan Enrollment { get; private set; }

    public ProcessMemory After { get; private set; }

    /// <summary>Reads the baseline and returns <paramref name="options"/> reading again as the workers start (once every agent is enrolled).</summary>
    public LoadOptions Start(LoadOptions options)
    {
        Before = Read();
        _started = time.GetTimestamp();
        Action<Func<long>>? next = options.LoadStarted;
        return options with
        {
            LoadStarted = requests =>
            {
                Enrollment = time.GetElapsedTime(_started);
                Enrolled = Read();
                next?.Invoke(requests);
            },
        };
    }

    public void Finish() => After = Read();

    public IEnumerable<string> Lines(LoadSummary summary)
    {
        IFormatProvider c = CultureInfo.InvariantCulture;
        yield return string.Format(c, "Gateway memory (pid {0}, /proc/{0}/status)   VmRSS MiB   VmHWM MiB", pid);
        yield return string.Format(c, "  before the agents                    {0,10:0.0}  {1,10:0.0}", Before.RssMiB, Before.PeakMiB);
        yield return string.Format(c, "  {0,7} agents enrolled ({1,6:0.0} s)   {2,10:0.0}  {3,10:0.0}", summary.Agents, Enrollment.TotalSeconds, Enrolled.RssMiB, Enrolled.PeakMiB);
        yield return string.Format(c, "  after {0,7} requests               {1,10:0.0}  {2,10:0.0}", summary.Requests, After.RssMiB, After.PeakMiB);
        yield return string.Format(c, "  per agent (after - before)           {0,10:0.00} KiB", PerAgentKiB(Before, After, summary.Agents));
    }

    /// <summary>What the resident memory grew by from <paramref name="before"/> to <paramref name="after"/>, per agent, in KiB.</summary>
    public static double PerAgentKiB(ProcessMemory before, ProcessMemory after, int agents) =>
        agents > 0 ? (after.RssMiB - before.RssMiB) * 1024 / agents : 0;

    private ProcessMemory Read()
    {
        ProcessMemory memory = ProcessMemory.Read(pid);
        return memory.RssMiB > 0 ? memory : throw new InvalidOperationException($"--gateway-pid {pid}: no such process (or no /proc/{pid}/status to read).");
    }
}
