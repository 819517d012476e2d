namespace Smp.Gateway.Acc;

/// <summary>Names of the ACC (HTTP Basic) scheme.</summary>
internal static class AccDefaults
{
    public const string AuthenticationScheme = "ACC";

    /// <summary>Present on a ticket accepted with the previous password during <c>Gateway:Acc:Rotation</c>'s grace period.</summary>
    public const string PreviousPasswordClaim = "smp:acc-previous-password";
}
