using System.Diagnostics;
using System.Net;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// §10: an agent revoked at the Issuer is refused at every Site within <c>Gateway:Site:RevocationCheckPeriod</c>
/// (1 s here) plus one call, even while it holds tokens the Sites cached.
/// </summary>
[Collection(SiteBurstCollection.Name)]
public sealed class SiteRevocationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RevokeAtIssuer_AgentWithCachedTokens_RefusedAtBothSitesWithinThePeriod()
    {
        var period = TimeSpan.FromSeconds(1);
        await using var hierarchy = await SiteHierarchy.StartAsync();
        var agent = TestAgent.New();
        using (var issuer = hierarchy.Issuer.NewClient())
        {
            (await agent.EnrollAsync(issuer)).Dispose();
        }

        var clients = hierarchy.Sites.Select(s => s.NewClient()).ToArray();
        var held = new List<(string Token, string Uid)>();
        foreach (var client in clients)
        {
            string uid = TestAgent.NewUid();
            held.Add((await agent.GetTokenAsync(client, uid), uid));
        }

        Assert.True(await hierarchy.Issuer.Admin.RevokeAgentAsync(agent.AgentId));
        var clock = Stopwatch.StartNew();
        var refusedAfter = new TimeSpan?[clients.Length];
        int counter = 0;
        await Eventually.TrueAsync(async () =>
        {
            counter++;
            for (int s = 0; s < clients.Length; s++)
            {
                if (refusedAfter[s] is not null)
                {
                    continue;
                }

                using var response = await TestAgent.SendAsync(clients[s], Paths.Echo, "SMPToken " + agent.Proof(held[s].Token, held[s].Uid, counter));
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    Assert.Equal("agent-revoked", Challenge.ErrorOf(response));
                    refusedAfter[s] = clock.Elapsed;
                }
                else
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }

            return refusedAfter.All(r => r is not null);
        }, period + TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));

        output.WriteLine($"Revoked at the Issuer; refused at Site a after {refusedAfter[0]?.TotalMilliseconds:0} ms, at Site b after {refusedAfter[1]?.TotalMilliseconds:0} ms " +
            $"(RevocationCheckPeriod {period.TotalSeconds:0} s).");
        Assert.All(refusedAfter, r => Assert.True(r is { } t && t <= period + TimeSpan.FromSeconds(2), $"refused after {r}"));

        // A hello afterwards is refused too, with no token.
        using var hello = await TestAgent.SendAsync(clients[0], Paths.Echo, agent.Hello(TestAgent.NewUid()));
        Assert.Equal(HttpStatusCode.Forbidden, hello.StatusCode);
        Assert.Equal("agent-revoked", Challenge.ErrorOf(hello));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
