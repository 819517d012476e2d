namespace Smp.Gateway.Protocol;

/// <summary>The codes of <c>X-SMP-NSError</c> (§8, §9, §11).</summary>
internal static class NsError
{
    public const string HeaderName = "X-SMP-NSError";

    public const string Malformed = "malformed";
    public const string UnknownKey = "unknown-key";
    public const string ServerSignatureInvalid = "server-signature-invalid";
    public const string Expired = "expired";
    public const string NotYetValid = "not-yet-valid";
    public const string AudienceMismatch = "audience-mismatch";
    public const string StaleEpoch = "stale-epoch";
    public const string AgentUnknown = "agent-unknown";
    public const string AgentRevoked = "agent-revoked";

    /// <summary>Enrolled, but awaiting an administrator's approval (<c>Gateway:Enrollment:Approval</c> Manual): 403 on hello.</summary>
    public const string AgentPending = "agent-pending";
    public const string KeyMismatch = "key-mismatch";
    public const string AgentSignatureInvalid = "agent-signature-invalid";
    public const string NonceMismatch = "nonce-mismatch";
    public const string TokenRevoked = "token-revoked";
    public const string Replay = "replay";
    public const string RegistryUnavailable = "registry-unavailable";
    public const string CredentialsRequired = "credentials-required";
    public const string CredentialsInvalid = "credentials-invalid";
    public const string AccRequired = "acc-required";
    public const string AccOverPlainHttp = "acc-requires-tls";
    public const string AccThrottled = "acc-throttled";
    public const string AccLocked = "acc-locked";
    public const string AccDisabled = "acc-disabled";
    public const string AccExpired = "acc-expired";
    public const string DirectoryUnavailable = "directory-unavailable";
    public const string KeyConflict = "key-conflict";
    public const string RateLimited = "rate-limited";
    public const string UpgradeNotAllowed = "upgrade-not-allowed";

    /// <summary>Windows authentication (<c>Negotiate</c>, <c>NTLM</c>) on a route that does not take it.</summary>
    public const string WindowsNotAllowed = "windows-not-allowed";

    /// <summary>The server behind did not answer (refused, reset, timed out, no destination left): 502, 503 or 504.</summary>
    public const string UpstreamUnavailable = "upstream-unavailable";

    /// <summary>The gateway could not present its own identity to the server behind (no Kerberos token, or the server refused it): 502.</summary>
    public const string UpstreamIdentity = "upstream-identity";
}
