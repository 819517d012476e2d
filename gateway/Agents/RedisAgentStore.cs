using System.Collections.Concurrent;
using Smp.Gateway.Jose;
using Smp.Gateway.State;
using StackExchange.Redis;

namespace Smp.Gateway.Agents;

/// <summary>
/// Agents and revoked tokens in the shared Redis. Every lookup reads Redis (one HMGET, about 50 µs), so
/// a revocation through one node is refused at every other at once, with no invalidation message to
/// lose. What is kept in memory is only the parsed key of an agent, reused while Redis holds the same
/// key, so a proof does not rebuild an RSA object. A Redis failure throws <see cref="StateUnavailableException"/>.
/// </summary>
internal sealed class RedisAgentStore(RedisConnection redis, TimeProvider time) : IAgentStore
{
    private static readonly RedisValue[] Fields = ["n", "e", "status"];
    private readonly ConcurrentDictionary<string, Agent> _parsed = new(StringComparer.Ordinal);

    public async ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken)
    {
        var values = await redis.CallAsync(redis.Keys.Agent(agentId), static (db, key) => db.HashGetAsync(key, Fields), "an agent lookup");
        if (values[0].IsNull || values[1].IsNull || !values[2].TryParse(out int status))
        {
            return null;
        }

        string n = values[0]!, e = values[1]!;
        if (_parsed.TryGetValue(agentId, out var known) && known.Key.N == n && known.Key.E == e)
        {
            return known.Status == (AgentStatus)status ? known : _parsed[agentId] = known.With((AgentStatus)status);
        }

        var key = RsaJwk.TryParse(n, e, out _)
            ?? throw new InvalidDataException($"The agent store holds an unreadable key for agent {agentId}.");
        return _parsed[agentId] = new Agent(agentId, key, (AgentStatus)status);
    }

    public async Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, AgentStatus status, CancellationToken cancellationToken)
    {
        RedisKey agentKey = redis.Keys.Agent(agentId);
        bool created = await redis.CallAsync(db =>
        {
            // Created only if absent: two nodes enrolling one id at once cannot both win.
            var create = db.CreateTransaction();
            create.AddCondition(Condition.KeyNotExists(agentKey));
            _ = create.HashSetAsync(agentKey,
            [
                new("n", key.N), new("e", key.E), new("jkt", key.Thumbprint), new("status", (int)status),
                new("enrolled_at", time.GetUtcNow().ToUnixTimeSeconds()),
            ]);
            return create.ExecuteAsync();
        }, "an enrollment");
        if (created)
        {
            return EnrollOutcome.Created;
        }

        var existing = await FindAsync(agentId, cancellationToken);
        return existing?.EnrollAgain(key) ?? EnrollOutcome.KeyConflict;
    }

    public Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken)
    {
        RedisKey agentKey = redis.Keys.Agent(agentId);
        return redis.CallAsync(db =>
        {
            var update = db.CreateTransaction();
            update.AddCondition(Condition.KeyExists(agentKey));
            _ = update.HashSetAsync(agentKey, "status", (int)status);
            return update.ExecuteAsync();
        }, "an agent status change");
    }

    /// <summary>SCAN over the agent keys of every primary (never KEYS, which would stall the store), then one HMGET each.</summary>
    public async Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var agents = new List<AgentRecord>();
        RedisValue[] fields = ["jkt", "status", "enrolled_at"];
        await redis.CallAsync(async db =>
        {
            await foreach (var key in db.ScanAsync(redis.Keys.AgentPattern, cancellationToken))
            {
                var values = await db.HashGetAsync(key, fields);
                if (redis.Keys.AgentIdOf(key) is { } agentId && !values[0].IsNull && values[1].TryParse(out int status))
                {
                    agents.Add(new AgentRecord(agentId, values[0]!, (AgentStatus)status, values[2].TryParse(out long at) ? at : 0));
                }
            }

            return true;
        }, "an agent listing");
        return agents.OrderBy(a => a.AgentId, StringComparer.Ordinal).ToList();
    }

    public Task<bool> ReplaceKeyAsync(string agentId, RsaJwk key, CancellationToken cancellationToken)
    {
        RedisKey agentKey = redis.Keys.Agent(agentId);
        return redis.CallAsync(db =>
        {
            var update = db.CreateTransaction();
            update.AddCondition(Condition.KeyExists(agentKey));
            _ = update.HashSetAsync(agentKey, [new("n", key.N), new("e", key.E), new("jkt", key.Thumbprint)]);
            return update.ExecuteAsync();
        }, "an agent key replacement");
    }

    public async ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken) =>
        await redis.CallAsync(redis.Keys.RevokedToken(jti), static (db, key) => db.KeyExistsAsync(key), "a token revocation check");

    public Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken)
    {
        RedisKey revoked = redis.Keys.RevokedToken(jti);
        var until = DateTimeOffset.FromUnixTimeSeconds(expiresAt);
        var ttl = until - time.GetUtcNow();
        if (ttl <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        return redis.CallAsync(async db =>
        {
            // Kept until the later of the two times, should two nodes with different clocks revoke it.
            return await db.StringSetAsync(revoked, 1, ttl, When.NotExists)
                || await db.KeyExpireAsync(revoked, until.UtcDateTime, ExpireWhen.GreaterThanCurrentExpiry);
        }, "a token revocation");
    }
}
