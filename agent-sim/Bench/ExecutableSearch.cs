namespace Smp.AgentSim.Bench;

/// <summary>Finds a program on PATH, as the shell would; also looks in the sbin folders, where Debian puts nginx.</summary>
internal static class ExecutableSearch
{
    private static readonly string[] SystemFolders = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    public static string? Find(string name)
    {
        IEnumerable<string> folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemFolders);
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
