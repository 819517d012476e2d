using System.Net;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Enrollment;

/// <summary>
/// The status a new agent is enrolled with (<c>Gateway:Enrollment:Approval</c>), from the address it enrolled from:
/// a block rule wins over an approve rule.
/// </summary>
internal static class ApprovalRules
{
    /// <summary>Blocked when a block rule holds the address; else active under <c>Auto</c> or when an approve rule holds it; else pending.</summary>
    public static AgentStatus StatusFor(EnrollmentOptions o, IPAddress? address)
    {
        if (address is not null && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (Holds(o.BlockNetworks, address))
        {
            return AgentStatus.Blocked;
        }

        return o.Approval != EnrollmentApproval.Manual || Holds(o.ApproveNetworks, address) ? AgentStatus.Active : AgentStatus.Pending;
    }

    private static bool Holds(List<string> networks, IPAddress? address) =>
        address is not null && networks.Any(n => IPNetwork.TryParse(n, out var network) && network.Contains(address));
}
