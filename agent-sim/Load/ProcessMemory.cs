using System.Globalization;

namespace Smp.AgentSim.Load;

/// <summary>A process's resident memory now and at its peak (<c>VmRSS</c>, <c>VmHWM</c> of <c>/proc/PID/status</c>), in MiB.</summary>
internal readonly record struct ProcessMemory(double RssMiB, double PeakMiB)
{
    /// <summary>Zeros when the process is gone (or this is not Linux).</summary>
    public static ProcessMemory Read(int pid)
    {
        string status;
        try
        {
            status = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return default;
        }

        return new ProcessMemory(Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    private static double Field(string status, string name)
    {
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal)
                && long.TryParse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out long kib))
            {
                return kib / 1024.0;
            }
        }

        return 0;
    }
}
