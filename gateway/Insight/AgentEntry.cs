using System.Net;

namespace Smp.Gateway.Insight;

/// <summary>One agent's activity in memory, changed under its own lock; <see cref="Dirty"/> until the next flush takes it.</summary>
internal sealed class AgentEntry(long firstSeen)
{
    public long FirstSeen { get; } = firstSeen;
    public long LastSeen { get; set; }
    public string Method { get; set; } = "";
    public IPAddress? Address { get; set; }
    public string? UserAgent { get; set; }
    public bool Dirty { get; set; }
}
