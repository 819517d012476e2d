namespace Smp.Gateway.Configuration;

/// <summary>Checks <c>Gateway:Windows</c>; part of <see cref="GatewayOptionsValidator"/>.</summary>
internal static class WindowsOptionsValidator
{
    public static void Validate(WindowsOptions o, Action<bool, string, string> check)
    {
        check(o.Domain.Length == 0 || (!o.Domain.Contains('\\') && !o.Domain.Contains('@') && !o.Domain.Any(char.IsControl) && !o.Domain.Contains(' ')),
            "Windows:Domain", $"'{o.Domain}' must be a NetBIOS domain name such as EXAMPLE (no '\\', '@' or spaces).");
        if (o.Keytab.Length > 0)
        {
            string? problem = KeytabProblem(o.Keytab);
            check(problem is null, "Windows:Keytab", problem!);
        }
    }

    /// <summary>Why the keytab cannot serve: missing, unreadable, or readable by everyone; null when it can.</summary>
    public static string? KeytabProblem(string path)
    {
        if (!File.Exists(path))
        {
            return $"'{path}' does not exist.";
        }

        try
        {
            using var stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"'{path}' cannot be read: {e.Message}";
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0)
        {
            return $"'{path}' is readable by everyone; it holds the service's key: chmod o-r (0600 or 0640).";
        }

        return null;
    }
}
