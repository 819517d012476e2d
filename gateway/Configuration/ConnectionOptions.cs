namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Connection</c>.</summary>
public sealed class ConnectionOptions
{
    /// <summary>
    /// <c>Gateway:Connection:KeepAuthentication</c>: once a proof is accepted, later requests on the same
    /// connection need none (§7). Default true. Set false behind a load balancer that pools its
    /// connections to the gateway: there one connection carries many agents.
    /// </summary>
    public bool KeepAuthentication { get; set; } = true;
}
