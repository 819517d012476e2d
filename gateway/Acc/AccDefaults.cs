namespace Smp.Gateway.Acc;

/// <summary>Names of the ACC (HTTP Basic) scheme.</summary>
internal static class AccDefaults
{
    public const string AuthenticationScheme = "ACC";

    /// <summary>
    /// Present on a ticket accepted with the previous password during <c>Gateway:Acc:Rotation</c>'s grace period; its
    /// value is the user name as the agent sent it, which the route forwards with the current password.
    /// </summary>
    public const string PreviousPasswordClaim = "smp:acc-previous-password";
}
