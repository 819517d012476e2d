namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>One gateway for a test class, started once and stopped after its last test.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
