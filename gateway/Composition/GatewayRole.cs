using Microsoft.Extensions.Configuration;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Composition;

/// <summary>
/// What a gateway is in the hierarchy (§1, §10). The Issuer enrolls agents, signs tokens and answers its Sites;
/// a Site holds no signing key and no agent records, and takes its keys, agents and tokens from the Issuer.
/// </summary>
internal enum GatewayRole
{
    Issuer,
    Site,
}

internal static class GatewayRoles
{
    /// <summary>
    /// <c>Gateway:Role</c>, read once, at build: changing it needs a restart. Anything but <c>Site</c> composes an
    /// Issuer; a value that is neither stops the start in <see cref="SiteOptionsValidator"/>.
    /// </summary>
    public static GatewayRole Read(IConfiguration configuration) =>
        string.Equals(configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Role)}"], SiteOptionsValidator.Site, StringComparison.Ordinal)
            ? GatewayRole.Site
            : GatewayRole.Issuer;
}
