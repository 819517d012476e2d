using Microsoft.Extensions.Logging;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// Every log message of the gateway, with its event id, in one place. Messages name the agent, the
/// token's <c>jti</c>, a key id or a thumbprint: never a token, a signature or a password.
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Signing key {Kid} loaded from {Path}.")]
    public static partial void SigningKeyLoaded(ILogger logger, string kid, string path);

    [LoggerMessage(10, LogLevel.Debug, "Token {Jti} issued to agent {AgentId} with key {Kid}, expiring at {Exp}.")]
    public static partial void TokenIssued(ILogger logger, string agentId, string jti, string kid, long exp);

    [LoggerMessage(11, LogLevel.Information, "Hello refused ({Code}) for agent {AgentId} from {Remote}.")]
    public static partial void HelloRefused(ILogger logger, string code, string? agentId, string? remote);

    [LoggerMessage(12, LogLevel.Debug, "Proof accepted: agent {AgentId}, token {Jti}.")]
    public static partial void ProofAccepted(ILogger logger, string agentId, string jti);

    [LoggerMessage(13, LogLevel.Information, "Proof refused ({Code}, {Status}): agent {AgentId}, token {Jti}, from {Remote}.")]
    public static partial void ProofRefused(ILogger logger, string code, int status, string? agentId, string? jti, string? remote);

    [LoggerMessage(14, LogLevel.Information, "Request refused ({Code}, {Status}) from {Remote}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string code, int status, string? remote, string reason);

    [LoggerMessage(20, LogLevel.Information, "Agent {AgentId} enrolled with key {Jkt} ({Outcome}).")]
    public static partial void AgentEnrolled(ILogger logger, string agentId, string jkt, string outcome);

    [LoggerMessage(21, LogLevel.Warning, "Enrollment refused ({Code}) from {Remote}: {Reason}")]
    public static partial void EnrollmentRefused(ILogger logger, string code, string? remote, string reason);

    [LoggerMessage(22, LogLevel.Information, "Agent {AgentId} set to {Status} by an administrator.")]
    public static partial void AgentStatusChanged(ILogger logger, string agentId, string status);

    [LoggerMessage(23, LogLevel.Information, "Token {Jti} revoked by an administrator.")]
    public static partial void TokenRevoked(ILogger logger, string jti);

    [LoggerMessage(30, LogLevel.Warning, "ACC refused ({Code}) for account {User} from {Remote}, User-Agent {UserAgent}, password fingerprint {Fingerprint}: {Reason}.")]
    public static partial void AccRefused(ILogger logger, string code, string user, string remote, string? userAgent, string fingerprint, string reason);

    [LoggerMessage(31, LogLevel.Warning, "ACC account {User} authenticated with its PREVIOUS password from {Remote}, User-Agent {UserAgent}: accepted until {Until} (Gateway:Acc:Rotation); move this agent to the new password.")]
    public static partial void AccPreviousPasswordAccepted(ILogger logger, string user, string remote, string? userAgent, DateTimeOffset until);

    [LoggerMessage(32, LogLevel.Information, "Route {RouteId}: codebase {Codebase}, access {Access}.")]
    public static partial void RouteAccess(ILogger logger, string routeId, string codebase, string access);

    [LoggerMessage(33, LogLevel.Warning, "Route {RouteId} has the UNC codebase {Codebase} but Gateway:Acc:Enabled is false: it answers 401 acc-required to every request.")]
    public static partial void UncRouteWithoutAcc(ILogger logger, string routeId, string codebase);

    [LoggerMessage(40, LogLevel.Debug, "Swept {Registry} registry entries, {Issued} issued and {Verified} verified tokens.")]
    public static partial void Swept(ILogger logger, int registry, int issued, int verified);

    [LoggerMessage(50, LogLevel.Information, "Shared state store connected: Redis at {EndPoints}.")]
    public static partial void StateStoreConnected(ILogger logger, string endPoints);

    [LoggerMessage(51, LogLevel.Error, "Shared state store lost: Redis at {EndPoint} ({Failure}); proofs are refused with 503 until it is back.")]
    public static partial void StateStoreDisconnected(ILogger logger, string endPoint, string failure);

    [LoggerMessage(52, LogLevel.Information, "Shared state store back: Redis at {EndPoint}.")]
    public static partial void StateStoreReconnected(ILogger logger, string endPoint);

    [LoggerMessage(53, LogLevel.Warning, "Shared state store unavailable during {Operation}; refused with 503: {Reason}")]
    public static partial void StateStoreUnavailable(ILogger logger, string operation, string reason);
}
