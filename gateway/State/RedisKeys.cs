using StackExchange.Redis;

namespace Smp.Gateway.State;

/// <summary>
/// Every Redis key of the gateway, under <c>Gateway:State:Redis:KeyPrefix</c>. Each key carries its own
/// hash tag (the part in braces), so Redis Cluster spreads tokens and agents over every slot, while
/// anything later stored beside one token or one agent lands in the same slot and can be updated by
/// one script. One tag for all keys would put the whole registry on one shard.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    // An account's keys share one hash tag (one script updates them together); a digest keeps any character of
    // the configured name, braces included, out of the tag.
    private static string AccountTag(string account) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account.ToUpperInvariant())).AsSpan(0, 12));

    /// <summary>The replay window of one token: keyed by a digest of the decoded <c>jti</c>, as the embedded registry.</summary>
    public RedisKey Replay(string jti) => $"{prefix}:replay:{{{JtiDigest.Of(jti):x32}}}";

    /// <summary>A revoked token, by the same digest.</summary>
    public RedisKey RevokedToken(string jti) => $"{prefix}:revoked:{{{JtiDigest.Of(jti):x32}}}";

    /// <summary>An enrolled agent (a hash), by its id: a lowercase GUID, so one agent has one key.</summary>
    public RedisKey Agent(string agentId) => $"{prefix}:agent:{{{agentId}}}";

    /// <summary>The SCAN pattern of every agent key (the prefix holds no glob characters: the validator allows none).</summary>
    public RedisValue AgentPattern => $"{prefix}:agent:*";

    /// <summary>The agent id of an agent key, or null for any other key.</summary>
    public string? AgentIdOf(RedisKey key)
    {
        string s = key.ToString(), head = $"{prefix}:agent:{{";
        return s.StartsWith(head, StringComparison.Ordinal) && s.EndsWith('}') ? s[head.Length..^1] : null;
    }

    /// <summary>The key of the lockout shield's password fingerprints, drawn once for the fleet.</summary>
    public RedisKey ShieldKey => $"{prefix}:shield-key";

    /// <summary>What the shield knows of one password of one ACC account (a hash), by its fingerprint (hex).</summary>
    public RedisKey ShieldPassword(string account, string fingerprintHex) => $"{prefix}:shield:{{{AccountTag(account)}}}:pw:{fingerprintHex}";

    /// <summary>The failed binds the shield caused for one account (a sorted set scored by when).</summary>
    public RedisKey ShieldFailures(string account) => $"{prefix}:shield:{{{AccountTag(account)}}}:failures";

    /// <summary>The binds in flight for one account, fleet-wide (a sorted set scored by when each lapses).</summary>
    public RedisKey ShieldInFlight(string account) => $"{prefix}:shield:{{{AccountTag(account)}}}:inflight";

    /// <summary>The registry's epoch: Unix seconds before which tokens are refused (§9); re-created when Redis lost it.</summary>
    public RedisKey Epoch => $"{prefix}:epoch";

    /// <summary>A long-lived token (a hash), by its id.</summary>
    public RedisKey LongLivedToken(string id) => $"{prefix}:lltoken:{{{id}}}";

    /// <summary>The SCAN pattern of every long-lived token.</summary>
    public RedisValue LongLivedTokenPattern => $"{prefix}:lltoken:*";

    /// <summary>What one agent was last seen doing (a hash): first and last seen, method, address, User-Agent.</summary>
    public RedisKey ActivityAgent(string agentId) => $"{prefix}:activity:agent:{{{agentId}}}";

    /// <summary>The SCAN pattern of every agent's activity.</summary>
    public RedisValue ActivityAgentPattern => $"{prefix}:activity:agent:*";

    /// <summary>One ACC source's use (a hash: account, address, User-Agent, route, and a count per day), by a digest of the four.</summary>
    public RedisKey ActivityAcc(string sourceDigestHex) => $"{prefix}:activity:acc:{{{sourceDigestHex}}}";

    /// <summary>The SCAN pattern of every ACC source.</summary>
    public RedisValue ActivityAccPattern => $"{prefix}:activity:acc:*";

    /// <summary>Authentications by method on one UTC day (a hash: method to count).</summary>
    public RedisKey ActivityMethods(long day) => $"{prefix}:activity:methods:{{{day}}}";

    /// <summary>The SCAN pattern of every day's authentications by method.</summary>
    public RedisValue ActivityMethodsPattern => $"{prefix}:activity:methods:*";

    /// <summary>The id of the long-lived token whose secret has this SHA-256 digest (hex).</summary>
    public RedisKey LongLivedTokenDigest(string digestHex) => $"{prefix}:lltoken-digest:{{{digestHex}}}";
}
