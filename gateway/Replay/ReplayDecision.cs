namespace Smp.Gateway.Replay;

internal enum ReplayDecision
{
    Accepted,
    Replayed,

    /// <summary>The registry cannot decide (unreachable, or full): the proof is refused (503).</summary>
    Unavailable,
}
