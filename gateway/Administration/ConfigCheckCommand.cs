using Smp.Gateway.Acc;
using Smp.Gateway.Hosting;
using Smp.Gateway.State;

namespace Smp.Gateway.Administration;

/// <summary>
/// <c>gateway check-config [--config FILE] [--probe]</c> (oauth2-proxy's <c>--config-test</c>): the validation the
/// server's start runs (<see cref="ConfigurationValidation"/>), every problem printed with its key. With
/// <c>--probe</c> it also checks what the start meets outside the file: the endpoints' ports are free, Redis
/// answers, and the directory answers. Exit 0 when it would start, 2 when not.
/// </summary>
internal static class ConfigCheckCommand
{
    public static async Task<int> RunAsync(string[] hostArgs, bool probe, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" };
            await using var app = await ConfigurationValidation.BuildCheckedAsync(hostArgs, a => GatewayApp.BuildServices(a, quiet), probe);
            if (probe && await GatewayApp.Root<SharedStateConnection>(app).ConnectAsync(cancellationToken))
            {
                output.WriteLine("Redis (Gateway:State:Redis:Configuration) answers.");
            }

            var directory = GatewayApp.Root<HostChecks>(app).Options.Acc.Directory;
            if (probe && directory.Url.Length > 0)
            {
                if (await Task.Run(() => DirectoryProbe.Problem(directory), cancellationToken) is { } problem)
                {
                    output.WriteLine(problem);
                    return 2;
                }

                output.WriteLine("The directory (Gateway:Acc:Directory:Url) answers.");
            }
        }
        catch (ConfigurationInvalidException e)
        {
            e.WriteTo(output);
            return 2;
        }
        catch (Exception e) when (e is StateUnavailableException or InvalidOperationException || RedisConnection.IsFailure(e))
        {
            // ConnectAsync names the key (Gateway:State:Redis:Configuration) and the endpoints it tried.
            output.WriteLine(e.Message);
            return 2;
        }

        output.WriteLine("The configuration is valid.");
        return 0;
    }
}
