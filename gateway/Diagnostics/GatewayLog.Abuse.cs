namespace Smp.Gateway.Diagnostics;

/// <summary>Refusals that keep one client from taking what others need (event ids 220-239).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(220, LogLevel.Information, "Connection {ConnectionId} from {Remote}: its authentication ended ({Code}), request refused with {Status}; the agent sends a new proof (after a hello when it has no valid token).")]
    public static partial void ConnectionAuthenticationEnded(ILogger logger, string code, int status, string connectionId, string remote);

    [LoggerMessage(221, LogLevel.Warning, "Replay registry: token {Jti} of agent key {Jkt}, from {Source}, refused (429 rate-limited): {Quota} is reached. One client is taking many tokens; raise the limit only if that client is a load balancer or a NAT.")]
    public static partial void RegistryQuotaFull(ILogger logger, string jti, string jkt, string source, string quota);
}
