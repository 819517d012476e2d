using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Smp.Gateway.Agents;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Hosting;

/// <summary>
/// Loads the signing key and opens the agent store at start, after the options are validated, so a
/// bad key file or data folder stops the start instead of the first request.
/// </summary>
internal sealed class StartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ServerKeyRing>();
        services.GetRequiredService<IAgentStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
