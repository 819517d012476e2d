using Microsoft.Extensions.Logging;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// Every log message of the agent, with its event id, in one place: 100-109 token storage, 110-119
/// server keys, 120-129 network operations. Messages name the origin, the agent, the token's
/// <c>jti</c> and expiry, a key id: never a token, a proof, a signature or a password.
/// </summary>
internal static partial class AgentLog
{
    [LoggerMessage(100, LogLevel.Information, "Token storage: token {Jti} stored for {Origin}, agent {AgentId}, server key {Kid}, expires {ExpiresAt:O}.")]
    public static partial void TokenStored(ILogger logger, string jti, string? origin, string agentId, string kid, DateTimeOffset expiresAt);

    [LoggerMessage(101, LogLevel.Information, "Token storage: token {Jti} replaces token {OldJti} for {Origin}, agent {AgentId}, server key {Kid}, expires {ExpiresAt:O}.")]
    public static partial void TokenReplaced(ILogger logger, string jti, string oldJti, string? origin, string agentId, string kid, DateTimeOffset expiresAt);

    [LoggerMessage(102, LogLevel.Debug, "Token storage: token {Jti} for {Origin} sent again by the server: kept, counter {Counter}.")]
    public static partial void TokenKept(ILogger logger, string jti, string? origin, long counter);

    [LoggerMessage(103, LogLevel.Debug, "Token storage: token {Jti} reused for a one-step proof at {Origin}, agent {AgentId}, counter {Counter}.")]
    public static partial void TokenReused(ILogger logger, string jti, string? origin, string agentId, long counter);

    [LoggerMessage(104, LogLevel.Information, "Token storage: token {Jti} discarded for {Origin} after a 403 {NsError}; agent {AgentId} says hello again under a new uid.")]
    public static partial void TokenDiscarded(ILogger logger, string jti, string? origin, string nsError, string agentId);

    [LoggerMessage(105, LogLevel.Information, "Token storage: fresh token {Jti} taken from a 401 {NsError} at {Origin}, agent {AgentId}, expires {ExpiresAt:O}.")]
    public static partial void FreshTokenTaken(ILogger logger, string jti, string nsError, string origin, string agentId, DateTimeOffset expiresAt);

    [LoggerMessage(106, LogLevel.Warning, "Token storage: the token sent by {Origin} to agent {AgentId} with a 401 {NsError} is not stored: {Rejection}.")]
    public static partial void ChallengeTokenRefused(ILogger logger, string origin, string agentId, string nsError, TokenRejection rejection);

    [LoggerMessage(107, LogLevel.Debug, "Token storage: token {Jti} for {Origin} expired at {ExpiresAt:O}; a hello follows.")]
    public static partial void TokenExpired(ILogger logger, string jti, string? origin, DateTimeOffset expiresAt);

    [LoggerMessage(108, LogLevel.Debug, "Token storage: token {Jti} for {Origin} dropped by agent {AgentId}, with its uid.")]
    public static partial void TokenDropped(ILogger logger, string jti, string? origin, string agentId);

    [LoggerMessage(110, LogLevel.Information, "Server keys: key {Kid} learnt, RSA {KeyBits} bits.")]
    public static partial void ServerKeyLearnt(ILogger logger, string kid, int keyBits);

    [LoggerMessage(111, LogLevel.Warning, "Server keys: key {Kid} skipped: {Reason}.")]
    public static partial void ServerKeySkipped(ILogger logger, string? kid, string reason);

    [LoggerMessage(112, LogLevel.Information, "Server keys: {Count} learnt from {Origin} at the enrollment of agent {AgentId}.")]
    public static partial void ServerKeysLearnt(ILogger logger, int count, string origin, string agentId);

    [LoggerMessage(120, LogLevel.Debug, "Network operation: agent {AgentId} {Method} {Url} with credential {Credential}: {Status} {NsError}.")]
    public static partial void RequestSent(
        ILogger logger, string agentId, HttpMethod method, string url, string credential, int status, string nsError);

    [LoggerMessage(121, LogLevel.Debug, "Network operation: agent {AgentId} {Method} {Url} with credential {Credential} failed: {Error}.")]
    public static partial void RequestFailed(ILogger logger, string agentId, HttpMethod method, string url, string credential, HttpRequestError error);
}
