namespace Smp.Gateway.Agents;

internal enum AgentStatus
{
    Active = 0,
    Revoked = 1,
}
