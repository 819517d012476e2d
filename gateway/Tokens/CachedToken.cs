namespace Smp.Gateway.Tokens;

/// <summary>
/// An issued token as <see cref="IssuedTokenCache"/> keeps it: its server signature and the values it
/// was made of, not its text (about a third of the size). The agent id and <c>uid</c> are those of the
/// cache key; <c>alg</c>, <c>kid</c>, <c>iss</c> and <c>aud</c> are references to one shared string each.
/// RSASSA-PKCS1-v1_5 is deterministic, so <see cref="TokenIssuer"/> spells the very same token again.
/// </summary>
internal readonly struct CachedToken(
    string alg, string kid, string iss, string aud, UInt128 jti, UInt128 jktLow, UInt128 jktHigh, long issuedAt, long expiresAt, byte[] signature)
{
    public string Alg { get; } = alg;
    public string Kid { get; } = kid;
    public string Iss { get; } = iss;
    public string Aud { get; } = aud;
    public UInt128 Jti { get; } = jti;
    public UInt128 JktLow { get; } = jktLow;
    public UInt128 JktHigh { get; } = jktHigh;
    public long IssuedAt { get; } = issuedAt;
    public long ExpiresAt { get; } = expiresAt;
    public byte[] Signature { get; } = signature;

    /// <summary>True when the token is bound to the key whose thumbprint is <paramref name="jkt"/>.</summary>
    public bool IsBoundTo(string jkt) => PackedText.TryPack(jkt, out var low, out var high) && low == JktLow && high == JktHigh;
}
