namespace Smp.Gateway.Diagnostics;

/// <summary>The activity, registration approval and the audit trail. Event ids 470-489.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(470, LogLevel.Information, "Agent {AgentId} enrolled {Status} from {Remote} (Gateway:Enrollment:Approval); `gateway agents approve` or `block` decides.")]
    public static partial void AgentEnrolledAs(ILogger logger, string agentId, string status, string? remote);

    [LoggerMessage(471, LogLevel.Information, "ACC used: account {Account} from {Remote}, User-Agent \"{UserAgent}\", route {Route}.")]
    public static partial void AccUsed(ILogger logger, string account, string remote, string userAgent, string route);

    [LoggerMessage(472, LogLevel.Debug, "Activity flushed: {Agents} agent(s), {Sources} ACC source(s) in {ElapsedMs:0.0} ms.")]
    public static partial void ActivityFlushed(ILogger logger, int agents, int sources, double elapsedMs);

    [LoggerMessage(473, LogLevel.Warning, "Activity not written, kept for the next flush: {Reason}")]
    public static partial void ActivityFlushFailed(ILogger logger, string reason);

    [LoggerMessage(474, LogLevel.Information, "Audit: {User} ran `gateway {Action} {Target}`: {Result}.")]
    public static partial void AdminAction(ILogger logger, string user, string action, string target, string result);
}
