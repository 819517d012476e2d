namespace Smp.Gateway.Acc;

/// <summary>Names of the ACC (HTTP Basic) scheme.</summary>
internal static class AccDefaults
{
    public const string AuthenticationScheme = "ACC";
}
