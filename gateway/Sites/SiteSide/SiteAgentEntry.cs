using System.Collections.Concurrent;
using Smp.Gateway.Agents;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// What a Site knows of one agent: its key and status as the Issuer last said (null when it only knows
/// a refusal), a refusal to repeat without asking until <see cref="RefusedUntil"/>, and its tokens by uid.
/// </summary>
internal sealed class SiteAgentEntry
{
    private Agent? _agent;

    public Agent? Agent
    {
        get => Volatile.Read(ref _agent);
        set => Volatile.Write(ref _agent, value);
    }

    /// <summary><c>agent-unknown</c> or <c>agent-revoked</c>, as the Issuer answered; null when none holds.</summary>
    public string? Refusal { get; set; }

    public long RefusedUntil { get; set; }

    public ConcurrentDictionary<string, SiteToken> Tokens { get; } = new(StringComparer.Ordinal);
}
