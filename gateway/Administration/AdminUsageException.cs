namespace Smp.Gateway.Administration;

/// <summary>A subcommand was called wrongly; the message says how. Exit code 64 (EX_USAGE).</summary>
internal sealed class AdminUsageException(string message) : Exception(message);
