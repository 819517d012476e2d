namespace Smp.AgentSim.Protocol;

/// <summary>What a request carried to authenticate itself.</summary>
internal enum SmpCredentialKind
{
    None,
    Hello,
    Proof,

    /// <summary>No <c>Authorization</c>: the connection was authenticated by an earlier proof (§7).</summary>
    Connection,
}
