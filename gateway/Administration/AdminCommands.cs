using Microsoft.Extensions.Options;
using Smp.Gateway.State;

namespace Smp.Gateway.Administration;

/// <summary>
/// The admin subcommands of <c>gateway</c>: <c>agents</c>, <c>keys</c>, <c>tokens</c>, <c>check-config</c>. Exit codes:
/// 0 done, 1 refused or not found, 2 the configuration or the store is not usable, 64 a usage error.
/// </summary>
internal static class AdminCommands
{
    public static readonly string[] Names = ["agents", "keys", "tokens", "check-config"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        try
        {
            var parsed = new AdminArguments(args);
            return args[0] switch
            {
                "agents" => await AgentsCommand.RunAsync(parsed, output, cancellationToken),
                "keys" => await KeysCommand.RunAsync(parsed, output, cancellationToken),
                "tokens" => await TokensCommand.RunAsync(parsed, output, cancellationToken),
                _ => await ConfigCheckCommand.RunAsync(parsed, output, cancellationToken),
            };
        }
        catch (AdminUsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine("Usage:");
            foreach (string usage in new[] { AgentsCommand.Usage, KeysCommand.Usage, TokensCommand.Usage, ConfigCheckCommand.Usage })
            {
                error.WriteLine("  " + usage);
            }

            return 64;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine("The configuration is not valid (gateway check-config lists every problem):");
            e.Failures.ToList().ForEach(f => error.WriteLine("  " + f));
            return 2;
        }
        catch (Exception e) when (e is StateUnavailableException or InvalidOperationException or FileNotFoundException or ArgumentException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine("The gateway's store is not usable: " + e.Message);
            return 2;
        }
    }
}
