namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>One redis-server for a test class, started before its first test and stopped after its last.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
