using Microsoft.Extensions.Options;
using Smp.Gateway.Administration;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Keys;
using Smp.Gateway.Sites.SiteSide;

namespace Smp.Gateway.Composition;

/// <summary>The admin subcommands' object, built alike by both roles from the parts each role holds.</summary>
internal static class RoleAdministration
{
    public static GatewayAdministration NewAdministration(
        this IServiceProvider services, IAgentLookup agents, IAgentControl control, IAgentDirectory? directory,
        SigningKeyRotation? rotation, RevocationCheck? revocations) =>
        new(agents, control, directory,
            services.GetRequiredService<IOptionsMonitor<GatewayOptions>>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<GatewayMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategories.Administration),
            rotation, revocations);
}
