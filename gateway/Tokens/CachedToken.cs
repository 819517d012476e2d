using Smp.Gateway.Collections;

namespace Smp.Gateway.Tokens;

/// <summary>
/// An issued token as <see cref="IssuedTokenCache"/> keeps it: its server signature and the values it
/// was made of, not its text. The agent id and <c>uid</c> are those of the cache key, the values all its
/// tokens share are one <see cref="TokenTemplate"/>, and the key thumbprint is kept as its first 128 bits,
/// enough to tell the agent's key from another. RSASSA-PKCS1-v1_5 is deterministic, so
/// <see cref="TokenIssuer"/> spells the very same token again.
/// </summary>
internal readonly struct CachedToken : IExpiringEntry
{
    private readonly UInt128 _jkt;

    // A 2048-bit signature inline; any other size in an array of its own.
    private readonly Signature2048 _signature;
    private readonly byte[]? _otherSignature;

    public CachedToken(TokenTemplate template, UInt128 jti, UInt128 jkt, long issuedAt, long expiresAt, ReadOnlySpan<byte> signature)
    {
        (Template, Jti, _jkt, IssuedAt, ExpiresAt) = (template, jti, jkt, issuedAt, expiresAt);
        if (signature.Length == Signature2048.Length)
        {
            signature.CopyTo(_signature);
        }
        else
        {
            _otherSignature = signature.ToArray();
        }
    }

    public TokenTemplate Template { get; }
    public UInt128 Jti { get; }
    public long IssuedAt { get; }
    public long ExpiresAt { get; }

    /// <summary>A cached token holds nothing beyond its place.</summary>
    public void Release()
    {
    }

    /// <summary>The server signature, b64u: the token's third part.</summary>
    public string SignatureText()
    {
        ReadOnlySpan<byte> inline = _signature;
        return Jose.Base64Url.Encode(_otherSignature ?? inline);
    }

    /// <summary>The first 128 bits of a key thumbprint (a SHA-256), as <see cref="CachedToken"/> keeps it.</summary>
    public static UInt128 JktPrefix(string thumbprint) => PackedText.TryPack(thumbprint, out var low, out _) ? low : UInt128.MaxValue;

    /// <summary>True when the token is bound to the key whose thumbprint is <paramref name="jkt"/>.</summary>
    public bool IsBoundTo(string jkt) => JktPrefix(jkt) == _jkt;
}
