using System.Net;
using System.Text.Json;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hosting;

/// <summary>
/// <c>/readyz</c> is unauthenticated, on the agents' port: it says what is not ready in a short reason, and the
/// details (the Redis client's diagnostic dump: its version, client name, IOCP figures) go to the log only.
/// </summary>
public sealed class ReadinessReasonTests
{
    [Fact]
    public async Task Readyz_RedisStopped_ShortReasonOnly_DetailsInTheLogOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(GatewayNodes.RedisSettings(redis), services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();

        await redis.StopAsync();
        string first = await ReadyBodyAsync(client);
        string second = await ReadyBodyAsync(client);

        var stores = JsonDocument.Parse(first).RootElement.GetProperty("checks").GetProperty("stores");
        Assert.Equal("Unhealthy", stores.GetProperty("status").GetString());
        Assert.Equal("the agent store or the replay registry does not answer", stores.GetProperty("description").GetString());
        foreach (string internals in new[] { "IOCP", "StackExchange", "clientName", "Redis-", "inst:", "mgr:", "data" })
        {
            Assert.DoesNotContain(internals, first, StringComparison.Ordinal);
        }

        Assert.Equal(first, second);
        // The cause is in the log, once for the two probes.
        var line = Assert.Single(logs.Records, r => r.EventId == 301 && r.Text("Check") == "stores");
        Assert.NotEqual("-", line.Text("Details"));
    }

    private static async Task<string> ReadyBodyAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        return await ready.Content.ReadAsStringAsync();
    }
}
