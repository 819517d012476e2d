using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace Smp.Gateway.State;

/// <summary>
/// How the stores talk to the shared Redis: one call wrapper, so that a store that cannot answer is always a
/// <see cref="StateUnavailableException"/> (callers refuse on it, never guess), and one SCAN over every primary.
/// </summary>
internal static class RedisCalls
{
    /// <summary>
    /// Runs <paramref name="operation"/> on the database. A failure of the store (<see cref="RedisConnection.IsFailure"/>)
    /// throws <see cref="StateUnavailableException"/> saying "The shared store failed during <paramref name="what"/>", or
    /// <paramref name="failure"/> followed by the store's message where the store goes by another name.
    /// </summary>
    public static Task<T> CallAsync<T>(this RedisConnection redis, Func<IDatabase, Task<T>> operation, string what, string? failure = null) =>
        redis.CallAsync(operation, static (db, operation) => operation(db), what, failure);

    /// <summary>
    /// As the call above, with what the operation needs passed as <paramref name="state"/>: with a static lambda, a
    /// call on the request path (a proof's replay check, its agent, its token's revocation) allocates no closure.
    /// </summary>
    public static async Task<T> CallAsync<TState, T>(
        this RedisConnection redis, TState state, Func<IDatabase, TState, Task<T>> operation, string what, string? failure = null)
    {
        try
        {
            return await operation(redis.Database, state);
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            throw new StateUnavailableException(failure is null ? $"The shared store failed during {what}: {e.Message}" : failure + e.Message, e);
        }
    }

    /// <summary>The keys matching <paramref name="pattern"/> on every connected primary, by SCAN (never KEYS, which would stall the store).</summary>
    public static async IAsyncEnumerable<RedisKey> ScanAsync(this IDatabase db, RedisValue pattern, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var server in db.Multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(db.Database, pattern, pageSize: 500).WithCancellation(cancellationToken))
            {
                yield return key;
            }
        }
    }
}
