namespace Smp.Gateway.Tokens;

/// <summary>
/// A verified token's claims as <see cref="VerifiedSignatureCache"/> keeps them (the entry about 230 bytes): the
/// values every token of this server shares (<c>alg</c>, <c>kid</c>, <c>iss</c>, <c>aud</c>) as references
/// to one string each, the agent id as a GUID, <c>jti</c>, <c>uid</c> and <c>jkt</c> as their bytes.
/// </summary>
internal readonly struct VerifiedToken
{
    private readonly string _alg, _kid, _iss, _aud;
    private readonly string? _jtiText, _uidText;
    private readonly Guid _sub;
    private readonly UInt128 _jti, _uid, _jktLow, _jktHigh;

    private VerifiedToken(TokenClaims claims, string alg, string kid, string iss, string aud, Guid sub, UInt128 jktLow, UInt128 jktHigh)
    {
        (_alg, _kid, _iss, _aud, _sub, _jktLow, _jktHigh) = (alg, kid, iss, aud, sub, jktLow, jktHigh);
        _jtiText = PackedText.TryPack(claims.Jti, out _jti) ? null : claims.Jti;
        _uidText = PackedText.TryPack(claims.Uid, out _uid) ? null : claims.Uid;
        (Iat, Nbf, Exp) = (claims.Iat, claims.Nbf, claims.Exp);
    }

    public long Iat { get; }
    public long Nbf { get; }
    public long Exp { get; }

    /// <summary>
    /// The compact form of <paramref name="claims"/>, given the shared strings equal to its <c>alg</c>,
    /// <c>kid</c>, <c>iss</c> and <c>aud</c>; false for a token whose agent id or thumbprint does not pack.
    /// </summary>
    public static bool TryCreate(TokenClaims claims, string alg, string kid, string iss, string aud, out VerifiedToken token)
    {
        token = default;
        if (!Agents.AgentId.IsValid(claims.Sub) || !PackedText.TryPack(claims.Jkt, out var low, out var high)
            || claims.Alg != alg || claims.Kid != kid || claims.Iss != iss || claims.Aud != aud)
        {
            return false;
        }

        token = new VerifiedToken(claims, alg, kid, iss, aud, Guid.ParseExact(claims.Sub!, "D"), low, high);
        return true;
    }

    /// <summary>The claims again, in a new object of their own (the caller may keep it).</summary>
    public TokenClaims ToClaims() => new()
    {
        Alg = _alg,
        Kid = _kid,
        Iss = _iss,
        Aud = _aud,
        Sub = _sub.ToString("D"),
        Jti = _jtiText ?? PackedText.Unpack(_jti),
        Uid = _uidText ?? PackedText.Unpack(_uid),
        Jkt = PackedText.Unpack(_jktLow, _jktHigh),
        Iat = Iat,
        Nbf = Nbf,
        Exp = Exp,
    };
}
