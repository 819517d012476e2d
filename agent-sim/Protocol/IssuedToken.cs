namespace Smp.AgentSim.Protocol;

/// <summary>A three-part token (PROTOCOL.md §5) whose server signature and binding the agent checked.</summary>
internal sealed record IssuedToken(
    string Text, string Kid, string Uid, string Subject, string Jkt, string Jti, DateTimeOffset ExpiresAt)
{
    /// <summary>The text is a credential: keep it out of logs and of <c>ToString</c>.</summary>
    public override string ToString() => $"token jti={Jti} exp={ExpiresAt:O}";
}
