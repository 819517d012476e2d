namespace Smp.Gateway.Agents;

internal enum AgentStatus
{
    Active = 0,
    Revoked = 1,

    /// <summary>Enrolled under manual approval (<c>Gateway:Enrollment:Approval</c>), not yet approved: hellos get 403 <c>agent-pending</c>.</summary>
    Pending = 2,

    /// <summary>Refused by an administrator or a block rule: hellos and proofs get 403 <c>agent-revoked</c>, enrolling again too.</summary>
    Blocked = 3,
}
