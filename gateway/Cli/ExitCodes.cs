namespace Smp.Gateway.Cli;

/// <summary>The exit codes of every <c>gateway</c> command, as the README and <c>gateway --help</c> list them.</summary>
internal static class ExitCodes
{
    /// <summary>Done; the configuration is valid; no problem found.</summary>
    public const int Ok = 0;

    /// <summary>A check found problems (<c>doctor</c>), or an admin command was refused or found nothing.</summary>
    public const int Failed = 1;

    /// <summary>The configuration, a file it names, a port, or the store is not usable: one line naming the key or file.</summary>
    public const int Configuration = 2;

    /// <summary>The command line itself is wrong (EX_USAGE): an unknown option or command, a missing value.</summary>
    public const int Usage = 64;

    public const string Help = """
        Exit codes: 0 done (or valid), 1 a check found problems or an admin command was refused or found nothing,
        2 the configuration, a file it names, a port or the store is not usable, 64 a usage error.
        """;
}
