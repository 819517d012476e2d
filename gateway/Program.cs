using Microsoft.Extensions.Options;
using Smp.Gateway;
using Smp.Gateway.Acc;
using Smp.Gateway.Administration;
using Smp.Gateway.Doctor;

if (args is ["hash-password", ..])
{
    // The password comes from standard input, never the command line, where `ps` would show it.
    Console.Error.WriteLine("Password (read from standard input):");
    string password = Console.ReadLine() ?? string.Empty;
    Console.WriteLine(PasswordHash.Create(password));
    return 0;
}

if (args is ["doctor", ..])
{
    return Doctor.Run(args[1..], Console.Out);
}

if (args.Length > 0 && AdminCommands.Names.Contains(args[0]))
{
    return await AdminCommands.RunAsync(args, Console.Out, Console.Error);
}

try
{
    var app = GatewayApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine("The configuration is not valid:");
    foreach (string failure in e.Failures)
    {
        Console.Error.WriteLine("  " + failure);
    }

    return 2;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or FileNotFoundException)
{
    Console.Error.WriteLine("The gateway cannot start: " + e.Message);
    return 2;
}
