using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Diagnostics;

/// <summary>
/// The scraping endpoint of <c>Gateway:Telemetry:PrometheusUrl</c>, on a listener of its own, read as Prometheus
/// reads it. In the telemetry collection: meters are subscribed by name, process-wide.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PrometheusTests
{
    [Fact]
    public async Task Scrape_AfterTwoStepAuthentication_CountersInTextFormat()
    {
        int port = FreePort.Next();
        string url = $"http://127.0.0.1:{port}/metrics";
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Telemetry:PrometheusUrl"] = url });
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        using (var response = await agent.AuthenticateAsync(client))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var scraper = new HttpClient();
        using var scrape = await scraper.GetAsync(url);
        string text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE smp_gateway_authentications_total counter", text);
        Assert.Matches(@"smp_gateway_authentications_total\{[^}]*outcome=""accepted""[^}]*scheme=""SMPToken""[^}]*\} 1\b", text);
        Assert.Matches(@"smp_gateway_authentications_total\{[^}]*outcome=""hello""[^}]*\} 1\b", text);
        Assert.Matches(@"smp_gateway_tokens_issued_total(\{[^}]*\})? 1\b", text);
        Assert.Contains("smp_gateway_proof_validation_duration_seconds_bucket", text);
    }

    [Fact]
    public async Task Start_ScrapePortIsAnEndpointsPort_FailsNamingBothKeys()
    {
        int port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.2:{port}",
            ["Gateway:Telemetry:PrometheusUrl"] = $"http://127.0.0.1:{port}/metrics",
        };

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => GatewayHost.StartAsync(settings));

        Assert.Contains(error.Failures, f => f.StartsWith("Gateway:Telemetry:PrometheusUrl: port", StringComparison.Ordinal) && f.Contains("Kestrel:Endpoints:Http:Url"));
    }

    [Fact]
    public async Task Listener_OtherPathOrAgentPort_NoMetrics()
    {
        int port = FreePort.Next();
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Telemetry:PrometheusUrl"] = $"http://127.0.0.1:{port}/metrics" });
        using var scraper = new HttpClient();

        // The scraping listener serves its path only: no proxy, no enrollment, no health behind it.
        using var other = await scraper.GetAsync($"http://127.0.0.1:{port}{Paths.Echo}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var enroll = await scraper.PostAsync($"http://127.0.0.1:{port}/smp/agents", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, enroll.StatusCode);

        // On the agents' port /metrics is an ordinary proxied path, and needs a token like any other.
        using var agents = await scraper.GetAsync(host.Url + "/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, agents.StatusCode);
        Assert.DoesNotContain("smp_gateway", await agents.Content.ReadAsStringAsync());
    }
}
