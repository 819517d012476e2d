using Smp.Gateway.Hosting;

namespace Smp.Gateway.Cli;

/// <summary>
/// <c>gateway [--config FILE]</c>: runs the gateway until SIGTERM or Ctrl+C. Before anything listens it runs the
/// validation <c>check-config</c> runs (<see cref="ConfigurationValidation"/>) and looks whether each endpoint's
/// port is free, so a start fails with the same list of problems, each naming its key.
/// </summary>
internal static class ServerCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        await using var app = await ConfigurationValidation.BuildCheckedAsync(hostArgs, a => GatewayApp.Build(a), probePorts: true);
        await app.RunAsync();
        return ExitCodes.Ok;
    }
}
