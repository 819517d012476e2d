namespace Smp.Gateway.Authentication;

/// <summary>
/// A refused authentication as the challenge will answer it: status, <c>X-SMP-NSError</c> code, and
/// the token a <c>401</c> carries, if any. Kept in the request's features between authenticate and challenge.
/// Immutable: a route that answers otherwise (offers Basic, or no token) sets a copy made with <c>with</c>.
/// </summary>
internal sealed record AuthenticationOutcome(int Status, string? Error, string? ChallengeToken = null)
{
    /// <summary>The bare 401 of a request that brought no credential the route could use.</summary>
    public static readonly AuthenticationOutcome Unauthorized = new(401, null);

    /// <summary>Set by the route: offer <c>Basic</c> beside <c>SMPToken</c> in a 401.</summary>
    public bool OfferBasic { get; init; }

    /// <summary>Offer <c>SMPToken</c> in a 401. Default true; false on routes that never use tokens (UNC codebases, §11).</summary>
    public bool OfferToken { get; init; } = true;

    /// <summary>Offer <c>Negotiate</c> in a 401, after <c>SMPToken</c> where that is offered: routes that take Windows authentication.</summary>
    public bool OfferNegotiate { get; init; }

    /// <summary>The next leg of a <c>Negotiate</c> handshake (<c>Negotiate &lt;token&gt;</c>): a 401's only challenge.</summary>
    public string? NegotiateLeg { get; init; }

    /// <summary><c>Retry-After</c> of a 429 or 503. Default: 1 second for a 503, none otherwise.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
