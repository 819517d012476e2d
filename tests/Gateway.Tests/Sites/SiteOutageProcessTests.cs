using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// An Issuer and two Sites as separate processes, with the default timeouts, retries and break: while the
/// Issuer is frozen (SIGSTOP) or killed, each Site stays ready (200, degraded in the body, at once), serves
/// the agents it caches, and answers a new agent's hello with 503 <c>issuer-unavailable</c> within
/// <c>HelloTimeout</c> (3 s); within 5 s of the Issuer answering again, new agents are served.
/// </summary>
[Collection(SiteBurstCollection.Name)]
public sealed class SiteOutageProcessTests(ITestOutputHelper output)
{
    /// <summary>
    /// The default <c>Gateway:Site:HelloTimeout</c>, and what two cores shared by every test at once may add
    /// to an answer's way (a load average of 20 was seen to add close to a second to a <c>/readyz</c>).
    /// </summary>
    private static readonly TimeSpan HelloBound = TimeSpan.FromSeconds(3), Slack = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10), BackWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task IssuerFrozen_SitesDegradedNotUnready_CachedServed_NewHellosBounded_BackWithinSeconds()
    {
        await using var processes = await SiteProcesses.StartAsync(sites: 2);
        var sites = await PrepareAsync(processes);

        processes.Issuer.Pause();
        var outage = await OutageAsync(sites);
        processes.Issuer.Resume();
        var back = await BackAsync(sites);

        Report("frozen (SIGSTOP), then thawed (SIGCONT)", outage, back);
        Check(outage, back, processes);
    }

    [Fact]
    public async Task IssuerKilled_SitesDegradedNotUnready_CachedServed_NewHellosBounded_BackWithinSecondsOfRestart()
    {
        await using var processes = await SiteProcesses.StartAsync(sites: 2);
        var sites = await PrepareAsync(processes);

        await processes.Issuer.KillAsync();
        var outage = await OutageAsync(sites);
        await processes.StartIssuerAsync();
        var back = await BackAsync(sites);

        Report("killed (SIGKILL), then started again", outage, back);
        Check(outage, back, processes);
    }

    /// <summary>Agents enrolled at the Issuer; at each Site, once ready, one agent's token cached.</summary>
    private static async Task<SiteUnderTest[]> PrepareAsync(SiteProcesses processes)
    {
        using var issuer = SiteProcesses.Client(processes.Issuer);
        var agents = Enumerable.Range(0, 8).Select(_ => TestAgent.New()).ToArray();
        foreach (var agent in agents)
        {
            (await agent.EnrollAsync(issuer)).Dispose();
        }

        var sites = new SiteUnderTest[processes.Sites.Length];
        for (int i = 0; i < sites.Length; i++)
        {
            var client = SiteProcesses.Client(processes.Sites[i]);
            Assert.Equal("Healthy", await Eventually.UntilAsync(async () => (await ReadyAsync(client)).Status, "Unhealthy"));
            var site = new SiteUnderTest(client, agents[0], agents[1..]);
            site.Token = await site.Cached.GetTokenAsync(client, site.CachedUid);
            sites[i] = site;
        }

        return sites;
    }

    /// <summary>
    /// For <see cref="Outage"/>, at every Site, every 250 ms: a new agent's hello (not awaited: they pile up
    /// as a fleet's would, until the circuit opens), the cached agent's proof and hello, <c>/readyz</c>.
    /// </summary>
    private static async Task<OutageFigures> OutageAsync(SiteUnderTest[] sites)
    {
        var figures = new OutageFigures();
        await Task.WhenAll(sites.Select(async site =>
        {
            var hellos = new List<Task>();
            await Eventually.ThroughoutAsync(Outage, async () =>
            {
                hellos.Add(NewHelloAsync(site.Client, site.NextNew(), figures));
                using (var proof = await TestAgent.SendAsync(site.Client, Paths.Echo, "SMPToken " + site.Cached.Proof(site.Token, site.CachedUid, ++site.Counter)))
                using (var again = await TestAgent.SendAsync(site.Client, Paths.Echo, site.Cached.Hello(site.CachedUid)))
                {
                    figures.Cached(proof.StatusCode == HttpStatusCode.OK && Challenge.TokenOf(again) == site.Token);
                }

                figures.Ready(await ReadyAsync(site.Client));
            }, TimeSpan.FromMilliseconds(250));

            await Task.WhenAll(hellos);
        }));
        return figures;
    }

    private static async Task NewHelloAsync(HttpClient client, TestAgent agent, OutageFigures figures)
    {
        var timed = Stopwatch.StartNew();
        using var hello = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
        figures.NewHello(hello.StatusCode, Challenge.ErrorOf(hello), timed.Elapsed);
    }

    /// <summary>The time from now (the Issuer answering again) to each Site's first new agent served.</summary>
    private static async Task<TimeSpan[]> BackAsync(SiteUnderTest[] sites) =>
        await Task.WhenAll(sites.Select(async site =>
        {
            var clock = Stopwatch.StartNew();
            var agent = site.NextNew();
            bool served = await Eventually.TrueAsync(async () =>
            {
                using var hello = await TestAgent.SendAsync(site.Client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
                return hello.StatusCode == HttpStatusCode.Unauthorized && Challenge.TokenOf(hello) is not null;
            }, BackWithin + TimeSpan.FromSeconds(20));
            return served ? clock.Elapsed : TimeSpan.MaxValue;
        }));

    private static async Task<(HttpStatusCode Code, string Status, TimeSpan Elapsed, string Body)> ReadyAsync(HttpClient client)
    {
        var timed = Stopwatch.StartNew();
        using var response = await client.GetAsync("/readyz");
        string body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!, timed.Elapsed, body);
    }

    private void Report(string what, OutageFigures outage, TimeSpan[] back)
    {
        var waited = back.Select(b => b == TimeSpan.MaxValue ? "not within 25 s" : $"{b.TotalMilliseconds:0} ms");
        output.WriteLine($"Issuer {what}, two Sites: {outage}; first new agent served again {string.Join(" and ", waited)} after the Issuer answered.");
        output.WriteLine("A /readyz answer during the outage: " + outage.LastReadyBody);
    }

    private static void Check(OutageFigures outage, TimeSpan[] back, SiteProcesses processes)
    {
        string logs = string.Join(Environment.NewLine, processes.Sites.Select(s => s.Output));
        Assert.True(outage.AllNewRefusedUnavailable, $"a new agent's hello got {outage.Unexpected}");
        Assert.True(outage.SlowestHello < HelloBound + Slack, $"a new agent's hello waited {outage.SlowestHello} for its 503 (bound {HelloBound})");
        Assert.True(outage.AllCachedServed, "a cached agent was not served during the outage");
        Assert.True(outage.AlwaysReady, $"/readyz answered {outage.ReadyCodes} during the outage");
        Assert.True(outage.SawDegraded, $"/readyz never said Degraded during the outage: {outage.ReadyStatuses}");
        Assert.True(outage.SlowestReady < Slack, $"/readyz took {outage.SlowestReady} during the outage");
        Assert.All(back, b => Assert.True(b < BackWithin, $"a new agent was served {b} after the Issuer answered again{Environment.NewLine}{logs}"));
    }

    private sealed class SiteUnderTest(HttpClient client, TestAgent cached, TestAgent[] fresh)
    {
        private int _next;

        public HttpClient Client { get; } = client;
        public TestAgent Cached { get; } = cached;
        public string CachedUid { get; } = TestAgent.NewUid();
        public string Token { get; set; } = "";
        public long Counter { get; set; }

        /// <summary>One of the agents never cached here; with a new uid its hello needs the Issuer.</summary>
        public TestAgent NextNew() => fresh[_next++ % fresh.Length];
    }
}
