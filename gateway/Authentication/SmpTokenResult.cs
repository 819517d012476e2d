namespace Smp.Gateway.Authentication;

/// <summary>
/// What <see cref="SmpTokenAuthenticator"/> made of a request: an accepted proof (<paramref name="Accepted"/>, and its
/// <c>jti:ctr</c> in <paramref name="ProofId"/>, forwarded as <c>X-SMP-Proof-Id</c>), a hello or a refusal
/// (<paramref name="Failure"/>, the outcome in the request's features), or neither: no <c>SMPToken</c> credential.
/// </summary>
internal readonly record struct SmpTokenResult(ConnectionAuthentication.State? Accepted, string? Failure, string? ProofId = null)
{
    public static SmpTokenResult Fail(string failure) => new(null, failure);
}
