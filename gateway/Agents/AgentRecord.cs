namespace Smp.Gateway.Agents;

/// <summary>An enrolled agent as the administration lists it: id, key thumbprint, status and when it enrolled (Unix seconds).</summary>
internal sealed record AgentRecord(string AgentId, string Jkt, AgentStatus Status, long EnrolledAt);
