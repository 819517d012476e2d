namespace Smp.AgentSim.Protocol;

/// <summary>What enrollment taught the agent: its <c>jkt</c> as the server computed it, and the server keys to trust.</summary>
internal sealed record EnrollmentResult(string AgentId, string Jkt, bool Created, ServerKeySet ServerKeys);
