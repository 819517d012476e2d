using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// §3 and §10: the Issuer rotates its signing key while agents work at the Issuer and two Sites. The new
/// key is published first (the Sites fetch it every second here) and signs two seconds later; the old
/// one stays published. No request may fail.
/// </summary>
[Collection(SiteBurstCollection.Name)]
public sealed class SiteKeyRotationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RotateSigningKey_MidRun_NoRequestFails()
    {
        await using var hierarchy = await SiteHierarchy.StartAsync();
        var servers = new[] { hierarchy.Issuer, hierarchy.Sites[0], hierarchy.Sites[1] };
        var agents = Enumerable.Range(0, 6).Select(_ => TestAgent.New()).ToArray();
        using (var issuer = hierarchy.Issuer.NewClient())
        {
            foreach (var agent in agents)
            {
                (await agent.EnrollAsync(issuer)).Dispose();
            }
        }

        var failures = new ConcurrentBag<string>();
        var kidsSeen = new ConcurrentDictionary<(int Server, string Kid), int>();
        int requests = 0;
        using var stop = new CancellationTokenSource();
        var workers = agents.Select((agent, w) => Task.Run(async () =>
        {
            var clients = servers.Select(s => s.NewClient()).ToArray();
            var held = new (string Token, string Uid, int Counter)?[servers.Length];
            for (int round = 0; !stop.IsCancellationRequested; round++)
            {
                int s = round % servers.Length;
                if (held[s] is not { } h || round % 4 == w % 4)
                {
                    string uid = TestAgent.NewUid();
                    h = (await agent.GetTokenAsync(clients[s], uid), uid, 0);
                    kidsSeen.AddOrUpdate((s, Kid(h.Token)), 1, (_, n) => n + 1);
                }

                h = h with { Counter = h.Counter + 1 };
                held[s] = h;
                using var response = await TestAgent.SendAsync(clients[s], Paths.Echo, "SMPToken " + agent.Proof(h.Token, h.Uid, h.Counter));
                Interlocked.Increment(ref requests);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"server {s}: {(int)response.StatusCode} {Challenge.ErrorOf(response)}");
                }
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }
        })).ToArray();

        // The rotation starts once every server has signed with the old key, and the run ends once every server
        // has signed a round of tokens (one per agent) with the new one: the moments the test is about, not guessed pauses.
        string oldKid = TokenForge.Kid(hierarchy.Issuer.ReadSigningKey());
        bool SignedBy(string kid, int tokens) => Enumerable.Range(0, servers.Length).All(s => kidsSeen.GetValueOrDefault((s, kid)) >= tokens);
        Assert.True(await Eventually.TrueAsync(() => SignedBy(oldKid, 1)), "not every server signed with the old key");
        var clock = Stopwatch.StartNew();
        string newKid = await hierarchy.Issuer.Admin.RotateSigningKeyAsync(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => SignedBy(newKid, agents.Length));
        stop.Cancel();
        await Task.WhenAll(workers);

        output.WriteLine($"{requests} proofs at the Issuer and two Sites across a rotation ({clock.Elapsed.TotalSeconds:0.0} s); {failures.Count} failed; " +
            "tokens by server and kid: " + string.Join(", ", kidsSeen.OrderBy(k => k.Key.Server).Select(k => $"{k.Key.Server}/{(k.Key.Kid == newKid ? "new" : k.Key.Kid == oldKid ? "old" : "?")}={k.Value}")));
        Assert.Empty(failures);
        for (int s = 0; s < servers.Length; s++)
        {
            Assert.True(kidsSeen.ContainsKey((s, oldKid)) && kidsSeen.ContainsKey((s, newKid)), $"server {s} did not see both keys sign");
        }
    }

    private static string Kid(string token) =>
        System.Text.Json.JsonDocument.Parse(B64.Decode(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;
}
