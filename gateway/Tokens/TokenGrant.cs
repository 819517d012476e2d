using Smp.Gateway.Protocol;

namespace Smp.Gateway.Tokens;

/// <summary>The answer to "a token for this agent and uid": the token, or the status and code of the refusal.</summary>
internal sealed record TokenGrant(string? Token, int Status, string? Error, TimeSpan? RetryAfter = null)
{
    public static TokenGrant Issued(string token) => new(token, 401, null);

    public static TokenGrant Refused(int status, string error) => new(null, status, error);

    public static TokenGrant RateLimited(TimeSpan retryAfter) => new(null, 429, NsError.RateLimited, retryAfter);
}
