using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tokens;

/// <summary>The last token issued per agent and <c>uid</c>, bounded in size, swept of expired entries.</summary>
internal sealed class IssuedTokenCache(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string AgentId, string Uid), IssuedToken> _tokens = new();
    private int _count;

    public bool TryGet(string agentId, string uid, out IssuedToken token) => _tokens.TryGetValue((agentId, uid), out token!);

    public void Set(string agentId, string uid, IssuedToken token)
    {
        var key = (agentId, uid);
        if (_tokens.ContainsKey(key))
        {
            _tokens[key] = token;
            return;
        }

        // Full: hand the new token out without remembering it; the next hello simply signs again.
        if (Interlocked.Increment(ref _count) > options.CurrentValue.Tokens.MaxCachedTokens)
        {
            Interlocked.Decrement(ref _count);
            return;
        }

        if (!_tokens.TryAdd(key, token))
        {
            Interlocked.Decrement(ref _count);
            _tokens[key] = token;
        }
    }

    public int Sweep()
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        int removed = 0;
        foreach (var entry in _tokens)
        {
            if (entry.Value.ExpiresAt <= now && _tokens.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
                removed++;
            }
        }

        return removed;
    }
}
