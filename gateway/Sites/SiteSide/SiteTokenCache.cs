using System.Collections.Concurrent;
using Smp.Gateway.Agents;
using Smp.Gateway.Jose;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's token cache (§10): per agent, its key and status, and its tokens by <c>uid</c>. Step 5 of §8
/// reads agents from here, so a Site validates without the Issuer; hellos are answered from here when a
/// token for that agent and uid has life left.
/// </summary>
internal sealed class SiteTokenCache(TimeProvider time)
{
    /// <summary>A token closer to its end than this is not handed out: the agent would get a dead token.</summary>
    public const long MinRemainingSeconds = 60;

    /// <summary>How long an <c>agent-unknown</c> answer is repeated without asking: short, so a new enrollment soon counts.</summary>
    public const long UnknownAgentSeconds = 2;

    private readonly ConcurrentDictionary<string, SiteAgentEntry> _agents = new(StringComparer.Ordinal);
    private long _lifetime;

    /// <summary>The lifetime of the tokens last received (<c>exp - iat</c>), 0 before the first.</summary>
    public TimeSpan ObservedLifetime => TimeSpan.FromSeconds(Volatile.Read(ref _lifetime));

    public int AgentCount => _agents.Count;

    public Agent? FindAgent(string agentId) => _agents.TryGetValue(agentId, out var entry) ? entry.Agent : null;

    /// <summary>The cached answer for a hello, if there is one: a token with life left, or a refusal still in force.</summary>
    public TokenGrant? TryAnswer(string agentId, string uid)
    {
        if (!_agents.TryGetValue(agentId, out var entry))
        {
            return null;
        }

        long now = Now;
        if (entry.Agent is { IsActive: false })
        {
            return TokenGrant.Refused(403, NsError.AgentRevoked);
        }

        if (entry.Refusal is { } refusal && now < entry.RefusedUntil)
        {
            return TokenGrant.Refused(refusal is NsError.AgentRevoked or NsError.AgentPending ? 403 : 401, refusal);
        }

        if (entry.Tokens.TryGetValue(uid, out var token) && token.ExpiresAt - now > MinRemainingSeconds)
        {
            token.MarkAskedAgain();
            return TokenGrant.Issued(token.Text);
        }

        return null;
    }

    public void Store(string agentId, string uid, SiteToken token, RsaJwk key)
    {
        var entry = _agents.GetOrAdd(agentId, _ => new SiteAgentEntry());
        lock (entry)
        {
            if (entry.Agent is not { IsActive: true } agent || agent.Key.Thumbprint != key.Thumbprint)
            {
                // A new key (an administrator replaced it): tokens bound to the old one are worthless.
                if (entry.Agent is { } old && old.Key.Thumbprint != key.Thumbprint)
                {
                    entry.Tokens.Clear();
                }

                entry.Agent = new Agent(agentId, key, AgentStatus.Active);
            }

            entry.Refusal = null;
            entry.Tokens[uid] = token;
        }

        Volatile.Write(ref _lifetime, token.ExpiresAt - token.IssuedAt);
    }

    /// <summary>Remembers the Issuer's refusal of an agent: revoked until the next status check says otherwise, unknown briefly.</summary>
    public void Refuse(string agentId, string code, TimeSpan revokedFor)
    {
        var entry = _agents.GetOrAdd(agentId, _ => new SiteAgentEntry());
        lock (entry)
        {
            entry.Refusal = code;
            entry.RefusedUntil = Now + (code == NsError.AgentRevoked ? (long)revokedFor.TotalSeconds + 1 : UnknownAgentSeconds);
            entry.Tokens.Clear();
            if (code == NsError.AgentRevoked && entry.Agent is { } agent)
            {
                entry.Agent = agent.With(AgentStatus.Revoked);
            }
            else if (code != NsError.AgentRevoked)
            {
                entry.Agent = null;
            }
        }
    }

    /// <summary>Applies an agent's status from the Issuer; false when this Site does not hold the agent.</summary>
    public bool SetStatus(string agentId, AgentStatus status)
    {
        if (!_agents.TryGetValue(agentId, out var entry) || entry.Agent is not { } agent)
        {
            return false;
        }

        lock (entry)
        {
            entry.Agent = agent.With(status);
            if (status == AgentStatus.Revoked)
            {
                entry.Tokens.Clear();
            }
            else if (entry.Refusal == NsError.AgentRevoked)
            {
                entry.Refusal = null;
            }
        }

        return true;
    }

    public void Forget(string agentId) => _agents.TryRemove(agentId, out _);

    /// <summary>The agents whose key this Site holds, for the status check.</summary>
    public List<string> AgentIds() => _agents.Where(a => a.Value.Agent is not null).Select(a => a.Key).ToList();

    /// <summary>Tokens that expire within <paramref name="renewBefore"/> and were asked for again, at most <paramref name="max"/>.</summary>
    public List<(string Agent, string Uid)> DueForRenewal(TimeSpan renewBefore, int max)
    {
        long limit = Now + (long)renewBefore.TotalSeconds;
        var due = new List<(string, string)>();
        foreach (var (agentId, entry) in _agents)
        {
            if (entry.Agent is not { IsActive: true })
            {
                continue;
            }

            foreach (var (uid, token) in entry.Tokens)
            {
                if (token.ExpiresAt <= limit && token.AskedAgain && due.Count < max)
                {
                    due.Add((agentId, uid));
                }
            }
        }

        return due;
    }

    /// <summary>Drops expired tokens, and agents left with no token and no refusal in force.</summary>
    public int Sweep()
    {
        long now = Now;
        int removed = 0;
        foreach (var (agentId, entry) in _agents)
        {
            foreach (var token in entry.Tokens)
            {
                if (token.Value.ExpiresAt <= now && entry.Tokens.TryRemove(token))
                {
                    removed++;
                }
            }

            if (entry.Tokens.IsEmpty && (entry.Refusal is null || entry.RefusedUntil <= now) && entry.Agent is not { IsActive: false })
            {
                _agents.TryRemove(new KeyValuePair<string, SiteAgentEntry>(agentId, entry));
            }
        }

        return removed;
    }

    private long Now => time.GetUtcNow().ToUnixTimeSeconds();
}
