using System.Net;

namespace Smp.Gateway.Configuration;

/// <summary>
/// The registration policy's keys, <c>Gateway:Enrollment:Approval</c>, <c>ApproveNetworks</c> and <c>BlockNetworks</c>, checked at
/// start; applied by <c>Enrollment/ApprovalRules</c>.
/// </summary>
internal static class EnrollmentApproval
{
    public const string Auto = "Auto";
    public const string Manual = "Manual";

    public static void Validate(EnrollmentOptions o, Action<bool, string, string> check)
    {
        check(o.Approval is Auto or Manual, "Enrollment:Approval", $"'{o.Approval}' is neither {Auto} nor {Manual}.");
        CheckNetworks(o.ApproveNetworks, "Enrollment:ApproveNetworks", check);
        CheckNetworks(o.BlockNetworks, "Enrollment:BlockNetworks", check);
    }

    private static void CheckNetworks(List<string> networks, string key, Action<bool, string, string> check)
    {
        for (int i = 0; i < networks.Count; i++)
        {
            check(IPNetwork.TryParse(networks[i], out _), $"{key}:{i}", $"'{networks[i]}' is not a network in CIDR form, such as 10.1.0.0/16 or fd00::/8.");
        }
    }
}
