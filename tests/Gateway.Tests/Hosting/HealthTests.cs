using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hosting;

/// <summary><c>/healthz</c> and <c>/readyz</c>: unauthenticated, and saying what is not ready.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_EmbeddedNode_AliveAndReady()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();

        using var live = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_RedisStopped_AliveButNotReadyAndSaysWhy()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = await GatewayHost.StartAsync(GatewayNodes.RedisSettings(redis));
        using var client = host.NewClient();
        using (var before = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await redis.StopAsync();
        using var live = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        string text = await ready.Content.ReadAsStringAsync();
        Assert.Contains("does not answer", text);

        await redis.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(client, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Health_SiteWhoseIssuerStopped_ReadyButDegradedAndSaysWhy()
    {
        await using var hierarchy = await Sites.SiteHierarchy.StartAsync(1);
        using var client = hierarchy.Sites[0].NewClient();
        // Ready once it holds the Issuer's keys, fetched in the background after the start.
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(client, HttpStatusCode.OK));

        await hierarchy.Issuer.StopGatewayAsync();
        // The Site learns it from its own calls: the next key refresh (every second here) fails.
        var answers = new List<(HttpStatusCode Status, string Body)>();
        await Eventually.TrueAsync(async () =>
        {
            using var ready = await client.GetAsync("/readyz");
            answers.Add((ready.StatusCode, await ready.Content.ReadAsStringAsync()));
            return answers[^1].Body.Contains("Degraded");
        });

        // A Site serves its cached agents without the Issuer: a load balancer must keep it.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var body = JsonDocument.Parse(answers[^1].Body).RootElement;
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var issuer = body.GetProperty("checks").GetProperty("issuer");
        Assert.Equal("Degraded", issuer.GetProperty("status").GetString());
        Assert.StartsWith("issuer unreachable", Member(issuer, "description").GetString());
    }

    /// <summary>A member whatever its case: the body's writer may name them either way.</summary>
    private static JsonElement Member(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static Task<HttpStatusCode> ReadyAsync(HttpClient client, HttpStatusCode wanted) =>
        Eventually.UntilAsync(async () =>
        {
            using var response = await client.GetAsync("/readyz");
            return response.StatusCode;
        }, status => status == wanted, every: TimeSpan.FromMilliseconds(200));
}
