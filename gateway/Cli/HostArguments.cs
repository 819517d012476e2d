namespace Smp.Gateway.Cli;

/// <summary>
/// Configuration settings given on the command line, <c>--Section:Key=VALUE</c> or <c>--Section:Key VALUE</c>
/// (any key, as <c>SMPGW_Section__Key</c> would give it), taken out before the options are parsed: every
/// command that reads the configuration takes them, after <c>--config FILE</c> and the environment.
/// </summary>
internal static class HostArguments
{
    /// <summary>Splits <paramref name="args"/> into the command line proper and the settings, each as <c>--Key=VALUE</c>.</summary>
    public static (string[] Words, string[] Settings) Split(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var settings = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                rest.AddRange(args.Skip(i));
                break;
            }

            int equals = a.IndexOf('=');
            string name = equals < 0 ? a : a[..equals];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !name.Contains(':') || name.Length < 5)
            {
                rest.Add(a);
            }
            else if (equals >= 0)
            {
                settings.Add(a);
            }
            else if (i + 1 < args.Count)
            {
                settings.Add($"{a}={args[++i]}");
            }
            else
            {
                throw new Administration.AdminUsageException($"{a}: a value is required (--Section:Key=VALUE).");
            }
        }

        return ([.. rest], [.. settings]);
    }

    /// <summary>What the host reads: <c>--config FILE</c> if given, then the settings.</summary>
    public static string[] For(string? configFile, string[] settings) =>
        configFile is null ? settings : ["--config", configFile, .. settings];
}
