namespace Smp.Gateway.Configuration;

/// <summary>
/// <c>Gateway:State</c>: where the state that nodes must agree on lives (the replay registry, agents
/// and revocations). Read once at start: changing the store needs a restart.
/// </summary>
public sealed class StateOptions
{
    public const string EmbeddedStore = "Embedded";
    public const string RedisStore = "Redis";

    /// <summary>
    /// <c>Gateway:State:Store</c>: <c>Embedded</c> (default: memory and SQLite, for one node) or <c>Redis</c>
    /// (shared by several nodes). A node configured for Redis never falls back to the embedded store.
    /// </summary>
    public string Store { get; set; } = EmbeddedStore;

    public RedisStateOptions Redis { get; set; } = new();

    public bool IsRedis => string.Equals(Store, RedisStore, StringComparison.OrdinalIgnoreCase);
}
