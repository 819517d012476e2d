namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Tokens</c>.</summary>
public sealed class TokenOptions
{
    /// <summary><c>Gateway:Tokens:Lifetime</c>: how long an issued token is valid. Default 8 hours; 1 minute to 7 days.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary><c>Gateway:Tokens:ClockSkew</c>: tolerance on <c>nbf</c> and <c>exp</c>. Default 60 s; at most 300 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>Gateway:Tokens:Algorithm</c>: <c>RS256</c>, the only one this version signs with.</summary>
    public string Algorithm { get; set; } = "RS256";

    /// <summary>
    /// <c>Gateway:Tokens:SigningKeyFile</c>: a PEM RSA private key (PKCS#8 or PKCS#1). Empty (default):
    /// a key is created on first start in <c>DataDirectory/signing-key.pem</c>, readable by its owner only.
    /// </summary>
    public string SigningKeyFile { get; set; } = string.Empty;

    /// <summary><c>Gateway:Tokens:MaxCachedTokens</c>: issued tokens remembered per agent and uid for reuse. Default 1,000,000.</summary>
    public int MaxCachedTokens { get; set; } = 1_000_000;

    /// <summary>
    /// <c>Gateway:Tokens:MaxCachedTokensPerSource</c>: verified tokens remembered for the proofs of one client
    /// address, so that one client cannot take the whole cache. Default 100,000; behind a load balancer or a
    /// NAT every agent has its address: raise it there. A token not remembered is only verified again.
    /// </summary>
    public int MaxCachedTokensPerSource { get; set; } = 100_000;

    /// <summary>
    /// <c>Gateway:Tokens:RotationLead</c>: after a key rotation, how long the new key is published before it
    /// signs (§3), so that every Site has fetched it (their <c>KeyRefreshPeriod</c> is shorter). Default 10 minutes.
    /// </summary>
    public TimeSpan RotationLead { get; set; } = TimeSpan.FromMinutes(10);
}
