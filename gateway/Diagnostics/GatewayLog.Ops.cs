namespace Smp.Gateway.Diagnostics;

/// <summary>Operations: the server behind unreachable, readiness changes. Event ids 300-319.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(300, LogLevel.Warning,
        "Upstream {Cluster} ({Destination}) unavailable: {Error}: {Reason}. Answered 502 upstream-unavailable; {Suppressed} more request(s) refused for the same cause since the last line. Check that server, or ReverseProxy:Clusters:{Cluster}.")]
    public static partial void UpstreamUnavailable(ILogger logger, string cluster, string destination, string error, string reason, long suppressed);

    [LoggerMessage(301, LogLevel.Warning, "Not ready: {Check}: {Reason}. Cause: {Details}")]
    public static partial void NotReady(ILogger logger, string check, string reason, string details);

    [LoggerMessage(302, LogLevel.Information, "Ready again: {Check}: {Reason}.")]
    public static partial void ReadyAgain(ILogger logger, string check, string reason);

    [LoggerMessage(303, LogLevel.Warning, "Upstream {Cluster} ({Destination}, {Address}) does not accept connections: {Details}")]
    public static partial void UpstreamUnreachable(ILogger logger, string cluster, string destination, string address, string details);
}
