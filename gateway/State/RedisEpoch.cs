using System.Globalization;

namespace Smp.Gateway.State;

/// <summary>
/// The shared registry's epoch (§9): Unix seconds kept in Redis, before which tokens are refused as
/// <c>stale-epoch</c>. A Redis that lost its data lost the epoch too; whoever notices first re-creates it at
/// Redis's next whole second, so every token issued before the loss (whose counters the registry forgot) is
/// refused, and agents follow the fresh token they get. Each node holds the value it last read.
/// </summary>
internal sealed class RedisEpoch(RedisConnection redis)
{
    private const string Script = """
        local e = redis.call('GET', KEYS[1])
        if not e then
          local t = redis.call('TIME')
          redis.call('SET', KEYS[1], tostring(tonumber(t[1]) + 1), 'NX')
          e = redis.call('GET', KEYS[1])
        end
        return e
        """;

    private long _current;

    /// <summary>The epoch this node last read; 0 before <see cref="RefreshAsync"/> first ran.</summary>
    public long Current => Volatile.Read(ref _current);

    /// <summary>Reads the epoch, re-creating it when Redis has none; returns whether it moved since the last read.</summary>
    public async Task<bool> RefreshAsync()
    {
        var value = (string?)await redis.Database.ScriptEvaluateAsync(Script, [redis.Keys.Epoch]);
        long epoch = long.Parse(value!, CultureInfo.InvariantCulture);
        return Interlocked.Exchange(ref _current, epoch) != epoch;
    }
}
