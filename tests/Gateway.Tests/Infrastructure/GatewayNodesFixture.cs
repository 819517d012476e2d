namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>One redis-server and three gateway nodes sharing it, for a test class.</summary>
public sealed class GatewayNodesFixture : IAsyncLifetime
{
    internal RedisServer Redis { get; private set; } = null!;
    internal GatewayNodes Nodes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Nodes = await GatewayNodes.StartAsync(Redis);
    }

    public async Task DisposeAsync()
    {
        await Nodes.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
