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
}
