namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:State:Redis</c>: the shared store, used when <c>Gateway:State:Store</c> is <c>Redis</c>.</summary>
public sealed class RedisStateOptions
{
    /// <summary>
    /// <c>Gateway:State:Redis:Configuration</c>: a StackExchange.Redis configuration string, such as
    /// <c>redis1:6379,redis2:6379,password=...,ssl=true</c>. Default empty; required when the store is Redis.
    /// The Redis must answer at start and use <c>maxmemory-policy noeviction</c>, or the node does not start.
    /// </summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>
    /// <c>Gateway:State:Redis:KeyPrefix</c>: the start of every key, so several gateways can share one
    /// Redis. Default <c>smpgw</c>; letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c> only.
    /// </summary>
    public string KeyPrefix { get; set; } = "smpgw";

    /// <summary>
    /// <c>Gateway:State:Redis:Timeout</c>: the longest a request waits for Redis (connect, and each
    /// command) before it is refused with 503 <c>registry-unavailable</c>; a stalled Redis is found out within a
    /// tenth more (the client's heartbeat runs ten times per timeout). Default 00:00:01; 00:00:00.050 to 00:00:30.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>Gateway:State:Redis:AcceptDataLoss</c>: start on a Redis without an append-only file (RDB save points alone
    /// do not count: a crash reloads an older snapshot). Default false: such a Redis stops the start, since its restart would forget agents,
    /// revocations and long-lived tokens (a revoked agent could enrol again). Replays stay refused either way: the
    /// registry's epoch is re-created with the data, and every older token is refused as <c>stale-epoch</c>.
    /// </summary>
    public bool AcceptDataLoss { get; set; }
}
