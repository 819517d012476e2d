namespace Smp.Gateway.Replay;

internal enum ReplayDecision
{
    Accepted,
    Replayed,

    /// <summary>The registry cannot decide (unreachable, or full): the proof is refused (503).</summary>
    Unavailable,

    /// <summary>A new token of an agent key or a client address whose share of the registry is full: refused (429).</summary>
    OverQuota,
}

internal static class ReplayDecisionNames
{
    /// <summary>The decision as logs, metrics and spans name it; constant strings, so naming one allocates nothing.</summary>
    public static string Name(this ReplayDecision decision) => decision switch
    {
        ReplayDecision.Accepted => nameof(ReplayDecision.Accepted),
        ReplayDecision.Replayed => nameof(ReplayDecision.Replayed),
        ReplayDecision.Unavailable => nameof(ReplayDecision.Unavailable),
        ReplayDecision.OverQuota => nameof(ReplayDecision.OverQuota),
        _ => decision.ToString(),
    };
}
