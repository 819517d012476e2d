namespace Smp.Gateway.Tests.Sites;

/// <summary>One Issuer and two Sites for a test class, started once and stopped after its last test.</summary>
public sealed class SiteHierarchyFixture : IAsyncLifetime
{
    internal SiteHierarchy Hierarchy { get; private set; } = null!;

    public async Task InitializeAsync() => Hierarchy = await SiteHierarchy.StartAsync();

    public async Task DisposeAsync() => await Hierarchy.DisposeAsync();
}
