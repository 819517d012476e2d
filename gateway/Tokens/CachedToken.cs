using Smp.Gateway.Collections;

namespace Smp.Gateway.Tokens;

/// <summary>
/// An issued token as <see cref="IssuedTokenCache"/> keeps it: its server signature and the values it
/// was made of, not its text. The agent id, <c>uid</c> and key thumbprint are those of the cache key, the
/// values all its tokens share are one <see cref="TokenTemplate"/>, <c>exp</c> is kept in 32 bits (Unix
/// seconds, good until 2106) and <c>iat</c> as the lifetime before it (at most 7 days). RSASSA-PKCS1-v1_5 is deterministic, so
/// <see cref="TokenIssuer"/> spells the very same token again. 288 bytes with a 2048-bit key, 256 of them
/// the signature; one reference serves the template and, for any other key size, the signature.
/// Equality is spelled out: a sweep removes an entry only if it is still the one it saw, and the runtime's
/// own struct equality refuses a type holding an inline array.
/// </summary>
internal readonly struct CachedToken : IExpiringEntry, IEquatable<CachedToken>
{
    // The template, or for a signature that is not 2048 bits a SignedTemplate holding both.
    private readonly object _shared;
    private readonly uint _expiresAt;
    private readonly uint _lifetime;

    // A 2048-bit signature inline, so that the usual entry needs no array of its own.
    private readonly Signature2048 _signature;

    public CachedToken(TokenTemplate template, UInt128 jti, long issuedAt, long expiresAt, ReadOnlySpan<byte> signature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(issuedAt);
        ArgumentOutOfRangeException.ThrowIfLessThan(expiresAt, issuedAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expiresAt, uint.MaxValue);
        (Jti, _expiresAt, _lifetime) = (jti, (uint)expiresAt, (uint)(expiresAt - issuedAt));
        if (signature.Length == Signature2048.Length)
        {
            _shared = template;
            signature.CopyTo(_signature);
        }
        else
        {
            _shared = new SignedTemplate(template, signature.ToArray());
        }
    }

    public TokenTemplate Template => _shared as TokenTemplate ?? ((SignedTemplate)_shared).Template;
    public UInt128 Jti { get; }
    public long IssuedAt => ExpiresAt - _lifetime;
    public long ExpiresAt => _expiresAt;

    /// <summary>A cached token holds nothing beyond its place.</summary>
    public void Release()
    {
    }

    /// <summary>The server signature, b64u: the token's third part.</summary>
    public string SignatureText()
    {
        ReadOnlySpan<byte> inline = _signature;
        return Jose.Base64Url.Encode(_shared is SignedTemplate other ? other.Signature : inline);
    }

    public bool Equals(CachedToken other)
    {
        ReadOnlySpan<byte> mine = _signature, theirs = other._signature;
        return Jti == other.Jti && _expiresAt == other._expiresAt && _lifetime == other._lifetime
            && ReferenceEquals(_shared, other._shared) && mine.SequenceEqual(theirs);
    }

    public override bool Equals(object? obj) => obj is CachedToken other && Equals(other);

    public override int GetHashCode() => Jti.GetHashCode();
}
