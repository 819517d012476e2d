using System.CommandLine;
using Smp.Gateway.Acc;
using Smp.Gateway.Administration;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Cli;

/// <summary>The command tree of <c>gateway</c>: the server itself, <c>check-config</c>, <c>doctor</c>, <c>hash-password</c> and the admin commands.</summary>
internal static class GatewayCommands
{
    private const string Description = """
        The SMP agent-token gateway: a reverse proxy that gives agents key-bound tokens in front of the
        unmodified management servers. Without a command it runs the gateway until SIGTERM or Ctrl+C.

        Configuration, last wins: the embedded appsettings.json, --config FILE (reloaded on change),
        SMPGW_ environment variables (SMPGW_Gateway__Audience=...), then settings on the command line:
        --Section:Key=VALUE (--Gateway:Audience=https://ns.example.com), for every command that reads it.
        """;

    public static RootCommand Build(string[] settings)
    {
        var config = ConfigOption();
        var root = new RootCommand(Description + "\n\n" + ExitCodes.Help) { config };
        root.SetAction((r, ct) => ServerCommand.RunAsync(HostArguments.For(r.GetValue(config), settings), ct));
        root.Add(CheckConfig(settings));
        root.Add(Doctor(settings));
        root.Add(HashPassword());
        foreach (var command in AdminCommandTree.Build(settings))
        {
            root.Add(command);
        }

        return root;
    }

    /// <summary><c>--config FILE</c>, on every command that reads the configuration.</summary>
    internal static Option<string> ConfigOption() => new("--config")
    {
        HelpName = "FILE",
        Description = "A JSON configuration file (comments allowed), read after the embedded defaults. Default: none.",
    };

    private static Command CheckConfig(string[] settings)
    {
        var config = ConfigOption();
        var probe = new Option<bool>("--probe") { Description = "Also check that each Kestrel endpoint's port is free, and that Redis (Gateway:State) and the directory (Gateway:Acc:Directory) answer." };
        var command = new Command("check-config", "Runs the validation the start runs and prints every problem with its key. Exit 0 valid, 2 not.") { config, probe };
        command.SetAction((r, ct) => ConfigCheckCommand.RunAsync(HostArguments.For(r.GetValue(config), settings), r.GetValue(probe), r.InvocationConfiguration.Output, ct));
        return command;
    }

    private static Command Doctor(string[] settings)
    {
        var config = ConfigOption();
        var domain = new Option<string>("--domain") { HelpName = "DOMAIN", Description = "The domain of the setspn lines' accounts (EXAMPLE). Default: the host name's DNS domain." };
        var command = new Command("doctor", "Lists each route's codebase and access type, whether ACC can be switched off, the token lifetime against the Sites' cache and the setspn lines. Exit 0 healthy, 1 problems.")
        {
            config, domain,
        };
        command.SetAction(r => Gateway.Doctor.Doctor.Run(HostArguments.For(r.GetValue(config), settings), r.GetValue(domain), r.InvocationConfiguration.Output));
        return command;
    }

    private static Command HashPassword()
    {
        var command = new Command("hash-password", "Reads a password from standard input (never the command line, where ps shows it) and prints its hash for Gateway:Acc:Accounts:N:PasswordHash.");
        command.SetAction(r =>
        {
            if (!Console.IsInputRedirected)
            {
                r.InvocationConfiguration.Error.WriteLine("Password (read from standard input):");
            }

            string password = Console.In.ReadLine() ?? string.Empty;
            if (password.Length == 0)
            {
                r.InvocationConfiguration.Error.WriteLine("gateway hash-password: no password on standard input (echo 'password' | gateway hash-password).");
                return ExitCodes.Usage;
            }

            r.InvocationConfiguration.Output.WriteLine(PasswordHash.Create(password));
            return ExitCodes.Ok;
        });
        return command;
    }
}
