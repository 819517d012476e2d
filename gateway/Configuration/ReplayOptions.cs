namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Replay</c>: the replay registry (§9).</summary>
public sealed class ReplayOptions
{
    /// <summary><c>Gateway:Replay:Window</c>: counters below the highest that may still arrive late. Default 64; 1 to 64.</summary>
    public int Window { get; set; } = 64;

    /// <summary>
    /// <c>Gateway:Replay:MaxEntries</c>: live tokens the embedded registry holds. Default 2,000,000. A full
    /// registry refuses new tokens (503 <c>registry-unavailable</c>); it never forgets a live one early.
    /// </summary>
    public int MaxEntries { get; set; } = 2_000_000;

    /// <summary>
    /// <c>Gateway:Replay:MaxEntriesPerKey</c>: live tokens of the embedded registry bound to one agent key, so
    /// that ids enrolled on one key cannot fill it. Default 1,000 (an agent holds a few). Over it, a new
    /// token's first proof is refused with 429 <c>rate-limited</c>; the other clients are not affected.
    /// </summary>
    public int MaxEntriesPerKey { get; set; } = 1_000;

    /// <summary>
    /// <c>Gateway:Replay:MaxEntriesPerSource</c>: live tokens of the embedded registry first used from one
    /// client address. Default 200,000 (a tenth of <c>MaxEntries</c>); behind a load balancer or a NAT every
    /// agent has its address: raise it there. Over it, 429 <c>rate-limited</c> as above.
    /// </summary>
    public int MaxEntriesPerSource { get; set; } = 200_000;
}
