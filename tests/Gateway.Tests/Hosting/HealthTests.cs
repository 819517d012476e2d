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
    public async Task Health_SiteWhoseIssuerStopped_NotReadyAndSaysWhy()
    {
        await using var hierarchy = await Sites.SiteHierarchy.StartAsync(1);
        using var client = hierarchy.Sites[0].NewClient();
        // Ready once it holds the Issuer's keys, fetched in the background after the start.
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(client, HttpStatusCode.OK));

        await hierarchy.Issuer.StopGatewayAsync();
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("Issuer does not answer", await ready.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient client, HttpStatusCode wanted)
    {
        var status = (HttpStatusCode)0;
        for (int i = 0; i < 50 && status != wanted; i++)
        {
            using var response = await client.GetAsync("/readyz");
            status = response.StatusCode;
            if (status != wanted)
            {
                await Task.Delay(200);
            }
        }

        return status;
    }
}
