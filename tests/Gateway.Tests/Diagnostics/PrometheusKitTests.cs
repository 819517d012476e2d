using System.Diagnostics;
using System.Net;
using Smp.Gateway.Tests.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Diagnostics;

/// <summary>
/// <c>config/prometheus/</c>: the scrape configuration and the rules pass <c>promtool</c> (syntax, and the rules'
/// unit tests: each alert fires on its series), and a real Prometheus scrapes a running gateway and evaluates them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class PrometheusKitTests
{
    private static string Kit => Path.Combine(ExampleConfigurationTests.RepositoryRoot(), "config", "prometheus");

    [Theory]
    [InlineData("check", "config", "prometheus.yml")]
    [InlineData("check", "rules", "smp-gateway.rules.yml")]
    [InlineData("test", "rules", "smp-gateway.rules.test.yml")]
    public async Task Promtool_Kit_Passes(string verb, string what, string file)
    {
        var start = new ProcessStartInfo(PrometheusServer.Tool("promtool"))
        {
            ArgumentList = { verb, what, file },
            WorkingDirectory = Kit,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        string output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Fact]
    public async Task Prometheus_ScrapesRunningGateway_RulesLoadedAndRecorded()
    {
        int port = FreePort.Next();
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Telemetry:PrometheusUrl"] = $"http://127.0.0.1:{port}/metrics" });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{port}", "/metrics", Path.Combine(Kit, "smp-gateway.rules.yml"));
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        using (var response = await agent.AuthenticateAsync(client))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var up = await prometheus.QueryUntilAsync("up{job=\"smp-gateway\"}", s => s.Count == 1 && s[0].Value == 1);
        Assert.Equal(1, Assert.Single(up).Value);
        var accepted = await prometheus.QueryUntilAsync("smp_gateway_authentications_total{outcome=\"accepted\"}", s => s.Count > 0);
        Assert.Equal(1, Assert.Single(accepted).Value);
        var byMethod = await prometheus.QueryUntilAsync("smp_gateway_authentications_by_method_total{method=\"Token\"}", s => s.Count > 0);
        Assert.Equal(1, Assert.Single(byMethod).Value);
        // A recording rule over the scraped series (a rate needs two scrapes): its labels are the ones the alerts use.
        var recorded = await prometheus.QueryUntilAsync("smp_gateway:authentications:rate5m", s => s.Count >= 2);
        Assert.Contains(recorded, s => s.Labels["outcome"] == "hello" && s.Labels["scheme"] == "SMPToken" && s.Labels["job"] == "smp-gateway");
        var p99 = await prometheus.QueryUntilAsync("smp_gateway:request_duration_seconds:p99_5m", s => s.Count > 0);
        Assert.NotEmpty(p99);

        var rules = await prometheus.RulesAsync();
        Assert.Equal(15, rules.Count);
        Assert.All(rules, r => Assert.NotEqual("err", r.Health));
        Assert.Contains(rules, r => r.Name == "SmpGatewayRegistryUnavailable");
    }
}
