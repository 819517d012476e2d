using Microsoft.Extensions.Options;
using Smp.Gateway.Hosting;
using Smp.Gateway.State;

namespace Smp.Gateway.Administration;

/// <summary>
/// Runs the admin subcommands of <c>gateway</c> (<c>agents</c>, <c>keys</c>, <c>tokens</c>, <c>report</c>) once the command line is
/// parsed. Exit codes: 0 done, 1 refused or not found, 2 the configuration or the store is not usable, 64 a usage error.
/// </summary>
internal static class AdminCommands
{
    public static async Task<int> RunAsync(AdminArguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        try
        {
            return args.At(0) switch
            {
                "agents" => await AgentsCommand.RunAsync(args, output, cancellationToken),
                "keys" => await KeysCommand.RunAsync(args, output, cancellationToken),
                "report" => await ReportCommand.RunAsync(args, output, cancellationToken),
                _ => await TokensCommand.RunAsync(args, output, cancellationToken),
            };
        }
        catch (AdminUsageException e)
        {
            error.WriteLine($"gateway {args.At(0)} {args.At(1)}: {e.Message}");
            error.WriteLine($"Run 'gateway {args.At(0)} {args.At(1)} --help' for the usage.");
            return 64;
        }
        catch (ConfigurationInvalidException e)
        {
            e.WriteTo(error);
            return 2;
        }
        catch (OptionsValidationException e)
        {
            new ConfigurationInvalidException(e.Failures.ToList()).WriteTo(error);
            return 2;
        }
        catch (Exception e) when (e is StateUnavailableException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine("The gateway's store is not usable: " + e.Message);
            return 2;
        }
    }
}
