using System.Runtime.InteropServices;

namespace Smp.AgentSim.Cluster;

/// <summary>The POSIX signals the fault schedule sends: a node killed outright, Redis frozen and thawed, stopped politely.</summary>
internal static class ProcessSignal
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>The resident memory of <paramref name="pid"/> now and at its peak (<c>VmRSS</c>, <c>VmHWM</c>), in MiB; zeros when it is gone.</summary>
    public static (double RssMiB, double PeakMiB) Memory(int pid)
    {
        Load.ProcessMemory memory = Load.ProcessMemory.Read(pid);
        return (memory.RssMiB, memory.PeakMiB);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
