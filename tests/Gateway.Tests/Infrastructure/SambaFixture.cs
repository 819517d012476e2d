namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>One Samba AD domain controller for the whole test run: its ports are fixed, so the Samba tests share it, one at a time.</summary>
public sealed class SambaFixture : IAsyncLifetime
{
    internal SambaDc Dc { get; private set; } = null!;

    public async Task InitializeAsync() => Dc = await SambaDc.StartAsync();

    public async Task DisposeAsync() => await Dc.DisposeAsync();
}

/// <summary>The tests that use the domain controller: one collection, so they never run at once.</summary>
[CollectionDefinition(Name)]
public sealed class SambaCollection : ICollectionFixture<SambaFixture>
{
    public const string Name = "Samba AD";
}
