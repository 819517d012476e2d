namespace Smp.Gateway.Authentication;

/// <summary>Names of the <c>SMPToken</c> scheme (§7).</summary>
public static class SmpTokenDefaults
{
    public const string AuthenticationScheme = "SMPToken";
    public const string AgentClaim = "smp:agent";
    public const string TokenIdClaim = "smp:jti";
    /// <summary>When the authentication ends (the token's <c>exp</c> plus the clock skew, Unix seconds): an upgrade tunnel closes then.</summary>
    public const string ExpiresClaim = "smp:exp";
    /// <summary>The token's <c>cnf.jkt</c>, the agent key it is bound to: an upgrade tunnel closes when the agent's key changes.</summary>
    public const string KeyThumbprintClaim = "smp:jkt";
    /// <summary>The accepted proof's <c>jti:ctr</c>, forwarded as <c>X-SMP-Proof-Id</c> (§12).</summary>
    public const string ProofIdClaim = "smp:proof";
}
