namespace Smp.Gateway.Tokens;

/// <summary>The members of a token's header and payload (§5), as parsed and type-checked; fixed once built.</summary>
internal sealed class TokenClaims
{
    public string Alg { get; init; } = string.Empty;
    public string Kid { get; init; } = string.Empty;
    public string? Uid { get; init; }
    public string Iss { get; init; } = string.Empty;
    public string? Sub { get; init; }
    public string Aud { get; init; } = string.Empty;
    public long Iat { get; init; }
    public long Nbf { get; init; }
    public long Exp { get; init; }
    public string Jti { get; init; } = string.Empty;
    public string Jkt { get; init; } = string.Empty;

    /// <summary>The members as the parser reads them one by one, on the stack; <see cref="Build"/> makes the claims once.</summary>
    internal struct Reading
    {
        public string Alg;
        public string Kid;
        public string? Uid;
        public string Iss;
        public string? Sub;
        public string Aud;
        public long Iat;
        public long Nbf;
        public long Exp;
        public string Jti;
        public string Jkt;

        public readonly TokenClaims Build() => new()
        {
            Alg = Alg ?? string.Empty, Kid = Kid ?? string.Empty, Uid = Uid, Iss = Iss ?? string.Empty, Sub = Sub,
            Aud = Aud ?? string.Empty, Iat = Iat, Nbf = Nbf, Exp = Exp, Jti = Jti ?? string.Empty, Jkt = Jkt ?? string.Empty,
        };
    }
}
