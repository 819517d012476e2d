using Microsoft.Extensions.Logging;
using Smp.Gateway.Replay;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// Every log message of the gateway, with its event id, in one place. Messages name the agent, the
/// token's <c>jti</c>, a key id or a thumbprint: never a token, a signature or a password.
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Server keys: signing key {Kid} ({Bits} bits) loaded from {Path}.")]
    public static partial void SigningKeyLoaded(ILogger logger, string kid, int bits, string path);

    [LoggerMessage(2, LogLevel.Information, "Server keys: previous key {Kid} ({Bits} bits) still published, from {Path}.")]
    public static partial void PreviousKeyLoaded(ILogger logger, string kid, int bits, string path);

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

    // Request and response records (Debug), grouped by the request's id, which holds its connection's.
    [LoggerMessage(15, LogLevel.Debug, "Request {RequestId} on connection {ConnectionId} from {Remote}: {Method} {Path}{Query} {Protocol}; headers: {Headers}")]
    public static partial void RequestReceived(
        ILogger logger, string requestId, string connectionId, string? remote, string method, string path, string query, string protocol, string headers);

    [LoggerMessage(16, LogLevel.Debug, "Response {RequestId} on connection {ConnectionId}: {Status} ({Code}) in {ElapsedMs:0.0} ms; headers: {Headers}")]
    public static partial void ResponseSent(ILogger logger, string requestId, string connectionId, int status, string code, double elapsedMs, string headers);

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

    [LoggerMessage(40, LogLevel.Debug, "Clean-up: {Removed} expired entries dropped from the {Store}, {Left} left.")]
    public static partial void Swept(ILogger logger, int removed, string store, int left);

    // The window as the original's records showed it: the highest counter and the bitmap of the counters before it (bit 0 is the highest).
    [LoggerMessage(41, LogLevel.Debug, "Token {Jti}: counter {Counter} {Decision}; registry: highest {Highest}, window {Window:x16}.")]
    public static partial void RegistryChecked(ILogger logger, string jti, long counter, string decision, long highest, ulong window);

    [LoggerMessage(42, LogLevel.Debug, "Token {Jti}: counter {Counter} {Decision} by the shared registry.")]
    public static partial void SharedRegistryChecked(ILogger logger, string jti, long counter, string decision);

    // Sites and the Issuer (§10): 50-59 at the Issuer, 60-79 at a Site.
    [LoggerMessage(50, LogLevel.Warning, "Site request refused ({Code}) from Site {Site} at {Remote}.")]
    public static partial void SiteRequestRefused(ILogger logger, string code, string? site, string? remote);

    [LoggerMessage(51, LogLevel.Debug, "Site {Site}: {Issued} tokens issued, {Refused} requests refused.")]
    public static partial void SiteTokensIssued(ILogger logger, string site, int issued, int refused);

    [LoggerMessage(52, LogLevel.Information, "Signing key {Kid} published, replacing {OldKid}; it signs in {Lead}.")]
    public static partial void SigningKeyRotated(ILogger logger, string kid, string oldKid, TimeSpan lead);

    [LoggerMessage(53, LogLevel.Information, "Signing key {Kid} now signs.")]
    public static partial void SigningKeyActivated(ILogger logger, string kid);

    [LoggerMessage(54, LogLevel.Information, "Server keys: a new signing key {Key} is in {Path} (gateway keys rotate): published now, it signs after Gateway:Tokens:RotationLead.")]
    public static partial void KeyFileChanged(ILogger logger, string key, string path);

    [LoggerMessage(55, LogLevel.Information, "Server keys: key {Kid} retired: no key file holds it any more (gateway keys retire); its tokens are refused (unknown-key).")]
    public static partial void KeyRetiredOnDisk(ILogger logger, string kid);

    [LoggerMessage(56, LogLevel.Warning, "Server keys: the key files changed but cannot be read ({Path}: {Reason}); the keys in use stay, and the files are read again every second.")]
    public static partial void KeyFileUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(60, LogLevel.Information, "Site key {Thumbprint} loaded from {Path}.")]
    public static partial void SiteKeyLoaded(ILogger logger, string thumbprint, string path);

    [LoggerMessage(61, LogLevel.Information, "Server keys: {Count} fetched from the Issuer: {Keys}.")]
    public static partial void IssuerKeysFetched(ILogger logger, int count, string keys);

    [LoggerMessage(62, LogLevel.Warning, "Issuer unavailable: {Reason}")]
    public static partial void IssuerUnavailable(ILogger logger, string reason);

    [LoggerMessage(63, LogLevel.Warning, "The Issuer's answer for agent {AgentId} holds a token this Site cannot use (token {Jti}).")]
    public static partial void IssuerAnswerInvalid(ILogger logger, string agentId, string? jti);

    [LoggerMessage(64, LogLevel.Debug, "Renewal pass: {Removed} expired tokens dropped, {Due} due, {Renewed} renewed.")]
    public static partial void TokenRenewalPass(ILogger logger, int removed, int due, int renewed);

    [LoggerMessage(65, LogLevel.Information, "Agent {AgentId} is now {Status} at this Site (the Issuer's status check).")]
    public static partial void SiteAgentStatusChanged(ILogger logger, string agentId, string status);

    [LoggerMessage(66, LogLevel.Debug, "Revocation check: {Agents} agents, {Revoked} revoked, {Forgotten} forgotten.")]
    public static partial void RevocationCheckDone(ILogger logger, int agents, int revoked, int forgotten);

    [LoggerMessage(67, LogLevel.Debug, "Token cache: {Tokens} tokens from the Issuer for {Requested} hellos ({Refused} refused) in {ElapsedMs:0.0} ms.")]
    public static partial void TokensFetched(ILogger logger, int tokens, int requested, int refused, double elapsedMs);

    [LoggerMessage(68, LogLevel.Debug, "Token cache: hello of agent {AgentId} answered from the cache ({Answer}).")]
    public static partial void CacheAnswered(ILogger logger, string agentId, string answer);

    [LoggerMessage(69, LogLevel.Debug, "Token cache: no token cached for agent {AgentId} and this uid; asking the Issuer.")]
    public static partial void CacheMissed(ILogger logger, string agentId);

    // The shared state store (Redis): 80-89.
    [LoggerMessage(80, LogLevel.Information, "Shared state store connected: Redis at {EndPoints}.")]
    public static partial void StateStoreConnected(ILogger logger, string endPoints);

    [LoggerMessage(81, LogLevel.Error, "Shared state store lost: Redis at {EndPoint} ({Failure}); proofs are refused with 503 until it is back.")]
    public static partial void StateStoreDisconnected(ILogger logger, string endPoint, string failure);

    [LoggerMessage(82, LogLevel.Information, "Shared state store back: Redis at {EndPoint}.")]
    public static partial void StateStoreReconnected(ILogger logger, string endPoint);

    [LoggerMessage(83, LogLevel.Warning, "Shared state store unavailable during {Operation}; refused with 503: {Reason}")]
    public static partial void StateStoreUnavailable(ILogger logger, string operation, string reason);

    // Administration and long-lived tokens: 90-119.
    [LoggerMessage(90, LogLevel.Warning, "Agent {AgentId}: key {OldJkt} replaced by {NewJkt} by an administrator; tokens bound to the old key are refused (key-mismatch).")]
    public static partial void AgentKeyReplaced(ILogger logger, string agentId, string oldJkt, string newJkt);

    [LoggerMessage(91, LogLevel.Information, "Published key {Kid} retired by an administrator ({Path} removed).")]
    public static partial void SigningKeyRetired(ILogger logger, string kid, string path);

    [LoggerMessage(92, LogLevel.Information, "Long-lived token {Id} ({Kind}, '{Name}') issued by an administrator.")]
    public static partial void LongLivedTokenIssued(ILogger logger, string id, string kind, string name);

    [LoggerMessage(93, LogLevel.Information, "Long-lived token {Id} revoked by an administrator.")]
    public static partial void LongLivedTokenRevoked(ILogger logger, string id);

    [LoggerMessage(94, LogLevel.Debug, "Long-lived token {Id} ({Kind}) accepted for {Path}.")]
    public static partial void LongLivedTokenAccepted(ILogger logger, string id, string kind, string path);

    [LoggerMessage(95, LogLevel.Information, "Long-lived token refused ({Code}, {Status}): token {Id}, path {Path}, from {Remote}.")]
    public static partial void LongLivedTokenRefused(ILogger logger, string code, int status, string? id, string path, string? remote);
}
