using System.CommandLine;
using System.CommandLine.Invocation;
using Smp.Gateway.Administration;
using Smp.Gateway.Hosting;

namespace Smp.Gateway.Cli;

/// <summary>
/// The <c>gateway</c> command line: one parser (System.CommandLine) for the server and every subcommand, so each
/// has <c>--help</c>, refuses an unknown option with the nearest known one, and exits with <see cref="ExitCodes"/>.
/// An ordinary mistake (a file missing, a port in use, a key that is not one) ends in one line naming the key or
/// the file, exit 2, never a stack trace.
/// </summary>
internal static class GatewayCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        string[] rest, settings;
        try
        {
            (rest, settings) = HostArguments.Split(args);
        }
        catch (AdminUsageException e)
        {
            error.WriteLine("gateway: " + e.Message);
            return ExitCodes.Usage;
        }

        var root = GatewayCommands.Build(settings);
        var result = root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Action is ParseErrorAction)
        {
            UsageErrors.Write(result, error);
            return ExitCodes.Usage;
        }

        // The server handles SIGTERM and Ctrl+C itself (a graceful stop); the parser must not race it.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await result.InvokeAsync(invocation, cancellationToken);
        }
        catch (ConfigurationInvalidException e)
        {
            e.WriteTo(error);
            return ExitCodes.Configuration;
        }
        catch (Exception e) when (ErrorLine.IsOrdinary(e))
        {
            error.WriteLine("gateway: " + ErrorLine.For(e, settings, result));
            return ExitCodes.Configuration;
        }
    }
}
