namespace Smp.AgentSim.Protocol;

/// <summary>Why the agent refused to keep a token it was sent.</summary>
internal enum TokenRejection
{
    None,
    Malformed,
    UnknownKey,
    ServerSignatureInvalid,
    UidMismatch,
    NotForThisAgent,
}
