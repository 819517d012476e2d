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
