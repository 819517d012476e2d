namespace Smp.Gateway.Diagnostics;

/// <summary>Paths, forwarded headers and upgrades (§7, §12): event ids 200 to 219.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(200, LogLevel.Information, "Request refused (malformed, 400) from {Remote}: the path {Target} holds {Problem}")]
    public static partial void PathRefused(ILogger logger, string target, string? remote, string problem);

    [LoggerMessage(201, LogLevel.Information, "Hellos refused (rate-limited, 429) from {Remote}: more than {PerMinute} a minute named unknown agents; see Gateway:RateLimits:UnknownAgentHellosPerSourcePerMinute.")]
    public static partial void UnknownAgentHellosLimited(ILogger logger, string remote, int perMinute);

    [LoggerMessage(202, LogLevel.Information, "Upgrade refused (upgrade-not-allowed, 400) on route {RouteId} from {Remote}: {Reason}")]
    public static partial void UpgradeRefused(ILogger logger, string routeId, string? remote, string reason);

    [LoggerMessage(203, LogLevel.Information, "Tunnel of agent {AgentId} closed: its authentication ended ({Cause}).")]
    public static partial void TunnelClosed(ILogger logger, string agentId, string cause);

    [LoggerMessage(204, LogLevel.Warning, "Tunnel of agent {AgentId} closed: looking at its authentication failed ({Error}: {Message}); check the state store.")]
    public static partial void TunnelWatchFailed(ILogger logger, string agentId, string error, string message);
}
