namespace Smp.Gateway.Tokens;

/// <summary>The members of a token's header and payload (§5), as parsed and type-checked.</summary>
internal sealed class TokenClaims
{
    public string Alg { get; set; } = string.Empty;
    public string Kid { get; set; } = string.Empty;
    public string? Uid { get; set; }
    public string Iss { get; set; } = string.Empty;
    public string? Sub { get; set; }
    public string Aud { get; set; } = string.Empty;
    public long Iat { get; set; }
    public long Nbf { get; set; }
    public long Exp { get; set; }
    public string Jti { get; set; } = string.Empty;
    public string Jkt { get; set; } = string.Empty;
}
