namespace Smp.Gateway.Authentication;

/// <summary>
/// What <see cref="SmpTokenAuthenticator"/> made of a request: an accepted proof (<paramref name="Accepted"/>), a hello
/// or a refusal (<paramref name="Failure"/>, the outcome in the request's features), or neither: no <c>SMPToken</c> credential.
/// </summary>
internal readonly record struct SmpTokenResult(ConnectionAuthentication.State? Accepted, string? Failure)
{
    public static SmpTokenResult Fail(string failure) => new(null, failure);
}
