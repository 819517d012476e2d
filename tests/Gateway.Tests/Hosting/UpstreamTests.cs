using System.Net;
using System.Text.Json;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hosting;

/// <summary>
/// The server behind down, at the default log levels: each request answers 502 <c>upstream-unavailable</c>, the
/// log says so once (not a YARP stack trace per request), and <c>/readyz</c> names the cluster in a short reason.
/// </summary>
public sealed class UpstreamTests
{
    [Fact]
    public async Task Proxy_ServerBehindDown_502UpstreamUnavailable_OneLogLineForManyRequests()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(DownstreamClosed(), services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();

        using (var first = await agent.AuthenticateAsync(client))
        {
            Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
            Assert.Equal("upstream-unavailable", first.Headers.GetValues("X-SMP-NSError").Single());
        }

        // The connection stays authenticated: 40 more requests, each refused by the same cause.
        for (int i = 0; i < 40; i++)
        {
            using var again = await TestAgent.SendAsync(client, Paths.Echo, null);
            Assert.Equal((HttpStatusCode.BadGateway, "upstream-unavailable"), (again.StatusCode, again.Headers.GetValues("X-SMP-NSError").Single()));
        }

        var line = Assert.Single(logs.Records, r => r.EventId == 300);
        Assert.Equal(("Smp.Gateway.Upstream", LogLevel.Warning, "legacy", "primary"), (line.Category, line.Level, line.Text("Cluster"), line.Text("Destination")));
        Assert.Contains("refused", line.Text("Reason"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(logs.Records, r => r.Category.StartsWith("Yarp", StringComparison.Ordinal) && r.Level >= LogLevel.Information);
        // ASP.NET Core's own authentication records ("AuthenticationScheme: SMPToken was challenged") stay below the default level.
        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Information && r.Message.Contains("was challenged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readyz_ServerBehindDown_DegradedWithShortReason()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(DownstreamClosed(), services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();

        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var upstream = body.GetProperty("checks").GetProperty("upstream");
        Assert.Equal("Degraded", upstream.GetProperty("status").GetString());
        Assert.Equal("upstream legacy does not accept connections", upstream.GetProperty("description").GetString());
        // The details (address, socket error) are in the log, once.
        var line = Assert.Single(logs.Records, r => r.EventId == 301);
        Assert.Contains("127.0.0.1:", line.Text("Details"));
    }

    [Fact]
    public async Task Readyz_OneDestinationOfTwoDown_DegradedNamingIt()
    {
        var settings = Defaults();
        settings["ReverseProxy:Clusters:legacy:Destinations:spare:Address"] = $"http://127.0.0.1:{FreePort.Next()}/";
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient();

        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var upstream = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("upstream");
        Assert.Equal("Degraded", upstream.GetProperty("status").GetString());
        Assert.Equal("upstream destinations do not accept connections: legacy (spare)", upstream.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readyz_ServerBehindUp_UpstreamHealthy()
    {
        await using var host = await GatewayHost.StartAsync(Defaults());
        using var client = host.NewClient();

        using var ready = await client.GetAsync("/readyz");

        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, body.GetProperty("checks").GetProperty("upstream").GetProperty("status").GetString()));
    }

    /// <summary>The embedded log levels (the host's tests lower the default to Warning), with nothing behind the cluster.</summary>
    private static Dictionary<string, string?> DownstreamClosed()
    {
        var settings = Defaults();
        settings["ReverseProxy:Clusters:legacy:Destinations:primary:Address"] = $"http://127.0.0.1:{FreePort.Next()}/";
        return settings;
    }

    private static Dictionary<string, string?> Defaults() => new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:Console:LogLevel:Default"] = "None",
    };
}
