namespace Smp.AgentSim.Protocol;

/// <summary>A token with the counter reserved for one proof; the counter is never handed out twice.</summary>
internal sealed record ProofTicket(IssuedToken Token, long Counter)
{
    public override string ToString() => $"{Token} ctr={Counter}";
}
