using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Acc;

/// <summary>The answer to one ACC attempt: accepted (with the account), or the status and code of the refusal and why.</summary>
internal sealed record AccVerdict(int Status, string? Error, string Reason)
{
    public bool Accepted => Status == 200;

    /// <summary>The account as configured, when accepted.</summary>
    public string? Account { get; init; }

    /// <summary>Accepted with the previous password, during <c>Gateway:Acc:Rotation</c>'s grace period.</summary>
    public bool PreviousPassword { get; init; }

    /// <summary>For 429 and 503: when to come back.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether the directory was asked for this attempt.</summary>
    public bool Bound { get; init; }

    public static AccVerdict Accept(string account, string reason) => new(200, null, reason) { Account = account };

    public static AccVerdict Reject(string reason) => new(401, NsError.CredentialsInvalid, reason);

    public static AccVerdict Throttle(TimeSpan retryAfter, string reason) =>
        new(429, NsError.AccThrottled, reason) { RetryAfter = retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter };

    public static AccVerdict Unavailable(TimeSpan retryAfter, string reason) =>
        new(503, NsError.DirectoryUnavailable, reason) { RetryAfter = retryAfter };

    /// <summary>The shared store (Redis) holding the shield's counts did not answer: nothing is bound without it.</summary>
    public static AccVerdict StoreUnavailable(string reason) =>
        new(503, NsError.RegistryUnavailable, reason) { RetryAfter = TimeSpan.FromSeconds(1) };

    /// <summary>403 for an account the directory says is locked, disabled (or restricted: it may not log on now or from here) or expired (§11); null for any other answer.</summary>
    public static AccVerdict? AccountState(AccBindResult result, string reason) => result switch
    {
        AccBindResult.Locked => new(403, NsError.AccLocked, reason),
        AccBindResult.Disabled => new(403, NsError.AccDisabled, reason),
        AccBindResult.Expired => new(403, NsError.AccExpired, reason),
        AccBindResult.Restricted => new(403, NsError.AccDisabled, reason),
        _ => null,
    };
}
