using Microsoft.Extensions.Time.Testing;
using Smp.Gateway.Sites.SiteSide;

namespace Smp.Gateway.Tests.Sites;

/// <summary>A token revoked at a Site is refused there until it would have expired, and forgotten by the sweep after.</summary>
public sealed class SiteAgentStoreTests
{
    [Fact]
    public async Task RevokedToken_RefusedUntilItsExpiry_ThenSweptAway()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var store = new SiteAgentStore(new SiteTokenCache(time), time);

        await store.RevokeTokenAsync("jti-1", expiresAt: 1_000_060, CancellationToken.None);
        await store.RevokeTokenAsync("jti-2", expiresAt: 1_000_600, CancellationToken.None);

        Assert.True(await store.IsTokenRevokedAsync("jti-1", CancellationToken.None));
        Assert.Equal((0, 2), (store.Sweep(), store.Count));

        time.Advance(TimeSpan.FromSeconds(60));
        Assert.False(await store.IsTokenRevokedAsync("jti-1", CancellationToken.None));
        Assert.Equal((1, 1), (store.Sweep(), store.Count));
        Assert.True(await store.IsTokenRevokedAsync("jti-2", CancellationToken.None));
    }
}
