using Smp.Gateway.Protocol;

namespace Smp.Gateway.Diagnostics;

/// <summary>The row of PROTOCOL.md §8 each refusal code belongs to, for traces and dashboards.</summary>
internal static class ValidationSteps
{
    public static int? Of(string code) => code switch
    {
        NsError.Malformed => 1,
        NsError.UnknownKey => 2,
        NsError.ServerSignatureInvalid => 3,
        NsError.Expired or NsError.NotYetValid or NsError.AudienceMismatch or NsError.StaleEpoch => 4,
        NsError.AgentUnknown or NsError.AgentRevoked or NsError.AgentPending or NsError.KeyMismatch => 5,
        NsError.AgentSignatureInvalid => 6,
        NsError.NonceMismatch => 7,
        NsError.TokenRevoked => 8,
        NsError.Replay or NsError.RegistryUnavailable => 9,
        _ => null,
    };
}
