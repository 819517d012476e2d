using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.State;

/// <summary>
/// One key chooses the store; a node configured for Redis never runs on memory (ATTACKS.md F 49), and
/// refuses to start on a Redis it cannot reach or that could evict registry keys (F 54).
/// </summary>
public sealed class StateStoreSelectionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Start_StoreRedis_OnlyRedisStoresRegistered()
    {
        await using var host = await GatewayHost.StartAsync(GatewayNodes.RedisSettings(redis.Server));

        Assert.IsType<RedisReplayRegistry>(Assert.Single(host.Gateway.Services.GetServices<IReplayRegistry>()));
        Assert.IsType<RedisAgentStore>(Assert.Single(host.Gateway.Services.GetServices<IAgentStore>()));
        // The epoch kept in Redis, not the node's start: a node's restart refuses no token (Redis's own data loss would).
        long epoch = host.Gateway.Services.GetRequiredService<IReplayRegistry>().EpochStart;
        Assert.InRange(epoch, 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, SqliteAgentStore.FileName)), "a Redis node opened the embedded agent store");
    }

    [Fact]
    public async Task Start_StoreDefault_EmbeddedStoresRegistered()
    {
        await using var host = await GatewayHost.StartAsync();

        Assert.IsType<MemoryReplayRegistry>(Assert.Single(host.Gateway.Services.GetServices<IReplayRegistry>()));
        Assert.IsType<SqliteAgentStore>(Assert.Single(host.Gateway.Services.GetServices<IAgentStore>()));
    }

    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("volatile-lru")]
    [InlineData("allkeys-random")]
    [InlineData("volatile-ttl")]
    public async Task Start_RedisMayEvict_RefusedNamingTheKey(string policy)
    {
        await using var evicting = await RedisServer.StartAsync();
        Assert.Equal("+OK", await evicting.CommandAsync($"CONFIG SET maxmemory-policy {policy}"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayHost.StartAsync(GatewayNodes.RedisSettings(evicting)));
        Assert.StartsWith("Gateway:State:Redis:Configuration:", error.Message);
        Assert.Contains($"maxmemory-policy '{policy}'", error.Message);
    }

    [Fact]
    public async Task Start_RedisUnreachable_RefusedNamingTheKey()
    {
        var settings = GatewayNodes.RedisSettings(redis.Server);
        settings["Gateway:State:Redis:Configuration"] = $"127.0.0.1:{FreePort.Next()},password=not-to-be-shown";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayHost.StartAsync(settings));
        Assert.StartsWith("Gateway:State:Redis:Configuration:", error.Message);
        Assert.DoesNotContain("not-to-be-shown", error.Message);
    }

    [Theory]
    [InlineData("Redis", null, "Gateway:State:Redis:Configuration")]
    [InlineData("Redis", "", "Gateway:State:Redis:Configuration")]
    [InlineData("Redis", "127.0.0.1:6379,nosuchoption=1", "Gateway:State:Redis:Configuration")]
    [InlineData("Memory", null, "Gateway:State:Store")]
    [InlineData("Rediss", "127.0.0.1:6379", "Gateway:State:Store")]
    public async Task Start_BadStoreSetting_FailsNamingTheKey(string store, string? configuration, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:State:Store"] = store,
            ["Gateway:State:Redis:Configuration"] = configuration,
        }));
        Assert.Contains(error.Failures, f => f.StartsWith(named + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Gateway:State:Redis:KeyPrefix", "")]
    [InlineData("Gateway:State:Redis:KeyPrefix", "smp{gw}")]
    [InlineData("Gateway:State:Redis:Timeout", "00:00:00.010")]
    [InlineData("Gateway:State:Redis:Timeout", "00:01:00")]
    public async Task Start_BadRedisSetting_FailsNamingTheKey(string key, string value)
    {
        var settings = GatewayNodes.RedisSettings(redis.Server);
        settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(settings));
        Assert.Contains(error.Failures, f => f.StartsWith(key + ":", StringComparison.Ordinal));
    }
}
