namespace Smp.Gateway.Diagnostics;

/// <summary>The identity the gateway presents to the servers behind (Basic, Negotiate). Event ids 330-339.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(330, LogLevel.Information, "Upstream identity of cluster {Cluster}: {Identity}.")]
    public static partial void UpstreamIdentityLoaded(ILogger logger, string cluster, string identity);

    [LoggerMessage(331, LogLevel.Warning,
        "Upstream identity of cluster {Cluster} unavailable: no Kerberos token for {Spn}: {Reason}. Answered 502 upstream-identity; {Suppressed} more request(s) " +
        "since the last line. Check Gateway:Identity:KerberosKeytab (klist -k -e FILE lists the service account's keys; they change with its password), the KDC " +
        "in krb5.conf, and that the account is enabled.")]
    public static partial void UpstreamTokenUnavailable(ILogger logger, string cluster, string spn, string reason, long suppressed);

    [LoggerMessage(332, LogLevel.Warning,
        "The server behind cluster {Cluster} ({Destination}) refused the gateway's {Identity} with 401. Answered 502 upstream-identity; {Suppressed} more " +
        "request(s) since the last line. Check the service account's password or keytab, and for Negotiate that the SPN is registered to the account " +
        "the server runs as (gateway doctor prints the setspn line).")]
    public static partial void UpstreamIdentityRefused(ILogger logger, string cluster, string destination, string identity, long suppressed);

    [LoggerMessage(333, LogLevel.Error,
        "Upstream identity of cluster {Cluster} cannot be built: {Problem} Every request to it is answered 502 upstream-identity until the configuration is fixed.")]
    public static partial void UpstreamIdentityInvalid(ILogger logger, string cluster, string problem);
}
