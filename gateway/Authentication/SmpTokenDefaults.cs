namespace Smp.Gateway.Authentication;

/// <summary>Names of the <c>SMPToken</c> scheme (§7).</summary>
public static class SmpTokenDefaults
{
    public const string AuthenticationScheme = "SMPToken";
    public const string AgentClaim = "smp:agent";
    public const string TokenIdClaim = "smp:jti";
}
