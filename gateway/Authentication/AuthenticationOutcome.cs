namespace Smp.Gateway.Authentication;

/// <summary>
/// A refused authentication as the challenge will answer it: status, <c>X-SMP-NSError</c> code, and
/// the token a <c>401</c> carries, if any. Kept in the request's features between authenticate and challenge.
/// </summary>
internal sealed record AuthenticationOutcome(int Status, string? Error, string? ChallengeToken = null)
{
    /// <summary>Set by the route: offer <c>Basic</c> beside <c>SMPToken</c> in a 401.</summary>
    public bool OfferBasic { get; set; }
}
