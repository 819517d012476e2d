using System.Diagnostics;
using System.Net;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// §10: while the Issuer cannot be reached, tokens a Site caches keep working until they expire (their
/// validity never depends on the Issuer: the Site holds its keys and the agents' keys), and hellos that
/// need a new token get 503 <c>issuer-unavailable</c> at once once the circuit is open.
/// </summary>
[Collection(SiteBurstCollection.Name)]
public sealed class SiteOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task IssuerStopped_CachedTokensWork_NewHellos503_ThenRecovers()
    {
        await using var hierarchy = await SiteHierarchy.StartAsync(sites: 1);
        var cached = TestAgent.New();
        var later = TestAgent.New();
        using (var issuer = hierarchy.Issuer.NewClient())
        {
            (await cached.EnrollAsync(issuer)).Dispose();
            (await later.EnrollAsync(issuer)).Dispose();
        }

        using var site = hierarchy.Sites[0].NewClient();
        string uid = TestAgent.NewUid();
        string token = await cached.GetTokenAsync(site, uid);

        await hierarchy.Issuer.DisposeAsync();
        var outage = Stopwatch.StartNew();
        int counter = 0, proofs = 0;
        var firstRefusal = Stopwatch.StartNew();
        using (var refused = await TestAgent.SendAsync(site, Paths.Echo, later.Hello(TestAgent.NewUid())))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("issuer-unavailable", Challenge.ErrorOf(refused));
        }

        var firstRefusalTime = firstRefusal.Elapsed;
        TimeSpan slowestLaterRefusal = TimeSpan.Zero;
        await Eventually.ThroughoutAsync(TimeSpan.FromSeconds(6) - outage.Elapsed, async () =>
        {
            using var proof = await TestAgent.SendAsync(site, Paths.Echo, "SMPToken " + cached.Proof(token, uid, ++counter));
            Assert.Equal(HttpStatusCode.OK, proof.StatusCode);
            proofs++;
            Assert.Equal(token, await cached.GetTokenAsync(site, uid));

            var timed = Stopwatch.StartNew();
            using var hello = await TestAgent.SendAsync(site, Paths.Echo, later.Hello(TestAgent.NewUid()));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, hello.StatusCode);
            slowestLaterRefusal = timed.Elapsed > slowestLaterRefusal ? timed.Elapsed : slowestLaterRefusal;
        }, TimeSpan.FromMilliseconds(200));

        await hierarchy.StartIssuerAsync();
        var recovery = Stopwatch.StartNew();
        var status = await Eventually.UntilAsync(async () =>
        {
            using var hello = await TestAgent.SendAsync(site, Paths.Echo, later.Hello(TestAgent.NewUid()));
            return hello.StatusCode;
        }, s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10));

        output.WriteLine($"Issuer down {outage.Elapsed.TotalSeconds:0.0} s: {proofs} proofs with a cached token accepted; first hello needing the Issuer refused after " +
            $"{firstRefusalTime.TotalMilliseconds:0} ms (retry), later ones within {slowestLaterRefusal.TotalMilliseconds:0} ms (circuit); hellos served again {recovery.Elapsed.TotalMilliseconds:0} ms after the Issuer came back.");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(slowestLaterRefusal < TimeSpan.FromSeconds(2.5), $"a hello waited {slowestLaterRefusal} for its 503");
    }
}
