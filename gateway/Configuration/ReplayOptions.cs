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
}
