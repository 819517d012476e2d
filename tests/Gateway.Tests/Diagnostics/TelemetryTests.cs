using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Diagnostics;

/// <summary>
/// Spans and metrics of the real path, read with OpenTelemetry's in-memory exporters. Sources and meters
/// are subscribed by name, process-wide: these tests run alone, so no other test's gateway adds to them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task TwoStepAuthentication_SpansNestedAndMetricsCounted()
    {
        var (host, spans, metrics) = await StartAsync();
        await using (host)
        {
            using var client = host.NewClient();
            var agent = TestAgent.New();
            (await agent.EnrollAsync(client)).Dispose();
            string uid = TestAgent.NewUid();
            using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(await agent.GetTokenAsync(client, uid), uid, 1));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var hello = Single(spans, "smp.hello");
            Assert.Equal(agent.AgentId, hello.GetTagItem("smp.agent"));
            Assert.Equal("accepted", hello.GetTagItem("smp.outcome"));
            Assert.Equal(hello.SpanId, Single(spans, "smp.token.issue").ParentSpanId);

            var validate = Single(spans, "smp.proof.validate");
            Assert.Equal("accepted", validate.GetTagItem("smp.outcome"));
            Assert.Equal(agent.AgentId, validate.GetTagItem("smp.agent"));
            Assert.NotEqual(default, validate.ParentSpanId);
            // Nested under YARP's span, itself under the request's (which ends, and is exported, last).
            var proxy = await ExportedAsync(spans, s => s.SpanId == validate.ParentSpanId);
            Assert.Equal("proxy.forwarder", proxy.DisplayName);
            var request = await ExportedAsync(spans, s => s.SpanId == proxy.ParentSpanId);
            Assert.StartsWith("GET", request.DisplayName);
            var check = Single(spans, "smp.registry.check");
            Assert.Equal(validate.SpanId, check.ParentSpanId);
            Assert.Equal("Accepted", check.GetTagItem("smp.decision"));

            var points = Collect(host, metrics);
            Assert.Equal(1, Sum(points, "smp.gateway.authentications", ("outcome", "hello")));
            Assert.Equal(1, Sum(points, "smp.gateway.authentications", ("outcome", "accepted")));
            Assert.Equal(1, Sum(points, "smp.gateway.tokens.issued"));
            Assert.Equal(1, Sum(points, "smp.gateway.registry.checks", ("decision", "Accepted")));
            Assert.Equal(1, Sum(points, "smp.gateway.agents", ("change", "enrolled")));
            Assert.Equal(1, HistogramCount(points, "smp.gateway.proof.validation.duration"));
        }
    }

    [Fact]
    public async Task ReplayedProof_SpanFailsAtStepNineWithItsCode()
    {
        var (host, spans, metrics) = await StartAsync();
        await using (host)
        {
            using var client = host.NewClient();
            var agent = TestAgent.New();
            (await agent.EnrollAsync(client)).Dispose();
            string uid = TestAgent.NewUid();
            string proof = agent.Proof(await agent.GetTokenAsync(client, uid), uid, 1);
            (await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof)).Dispose();
            using var replay = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
            Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);

            var refused = Assert.Single(spans, s => s.DisplayName == "smp.proof.validate" && s.Status == ActivityStatusCode.Error);
            Assert.Equal("replay", refused.StatusDescription);
            Assert.Equal("replay", refused.GetTagItem("smp.outcome"));
            Assert.Equal(9, refused.GetTagItem("smp.failed_step"));

            var points = Collect(host, metrics);
            Assert.Equal(1, Sum(points, "smp.gateway.authentications", ("outcome", "replay")));
            Assert.Equal(1, Sum(points, "smp.gateway.registry.checks", ("decision", "Replayed")));
        }
    }

    [Fact]
    public async Task SiteHello_FetchSpanAndIssuerCallCounted()
    {
        var spans = new ExportedSpans();
        var metrics = new List<Metric>();
        var settings = Sites.SiteHierarchy.FastSiteSettings();
        settings["Gateway:Telemetry:Enabled"] = "true";
        await using var hierarchy = await Sites.SiteHierarchy.StartAsync(1, settings, siteServices: s => s
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        var agent = TestAgent.New();
        using (var issuer = hierarchy.Issuer.NewClient())
        {
            (await agent.EnrollAsync(issuer)).Dispose();
        }

        using var client = hierarchy.Sites[0].NewClient();
        string uid = TestAgent.NewUid();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(await agent.GetTokenAsync(client, uid), uid, 1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var fetch = await ExportedAsync(spans, s => s.DisplayName == "smp.site.fetch");
        Assert.Equal("accepted", fetch.GetTagItem("smp.outcome"));
        Assert.Equal(1, fetch.GetTagItem("smp.site.requests"));
        Assert.Equal(1, fetch.GetTagItem("smp.site.tokens"));
        Assert.Equal(ActivityKind.Client, fetch.Kind);

        var points = Collect(hierarchy.Sites[0], metrics);
        Assert.True(Sum(points, "smp.site.issuer_calls") >= 1, "no Issuer call counted at the Site");
    }

    [Fact]
    public async Task AccStaleThenRightPassword_ShieldDecisionsAndBindsAsSpans()
    {
        const string user = @"EXAMPLE\svc-acc", password = "correct horse battery staple";
        var (host, spans, metrics) = await StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "Acc",
            ["Gateway:Acc:Accounts:0:User"] = user,
            ["Gateway:Acc:Accounts:0:PasswordHash"] = Smp.Gateway.Configuration.PasswordHash.Create(password, 10_000),
            ["Gateway:Acc:AllowPlainHttp"] = "true",
        });
        await using (host)
        {
            using var client = host.NewClient();
            string Basic(string p) => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + p));
            var statuses = new List<HttpStatusCode>();
            foreach (string attempt in new[] { "stale password", "stale password", password })
            {
                using var response = await TestAgent.SendAsync(client, Paths.Echo, Basic(attempt));
                statuses.Add(response.StatusCode);
            }

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
            // Each check ends before its response is written; the bind ends inside its check.
            await ExportedAsync(spans, s => s.DisplayName == "smp.acc.check" && s.GetTagItem("smp.outcome") as string == "accepted");
            var checks = spans.Where(s => s.DisplayName == "smp.acc.check").OrderBy(s => s.StartTimeUtc).ToList();
            var binds = spans.Where(s => s.DisplayName == "smp.acc.bind").ToList();

            Assert.Equal(["credentials-invalid", "acc-throttled", "accepted"], checks.Select(c => c.GetTagItem("smp.outcome")));
            Assert.Equal([true, false, true], checks.Select(c => c.GetTagItem("smp.acc.bound")));
            Assert.All(checks, c => Assert.Equal(user, c.GetTagItem("smp.acc.account")));
            Assert.All(checks, c => Assert.IsType<string>(c.GetTagItem("smp.acc.decision")));
            // The directory saw two binds, each under its check; the shield answered the repeat alone.
            Assert.Equal(2, binds.Count);
            Assert.Equal("Rejected", Assert.Single(binds, b => b.ParentSpanId == checks[0].SpanId).GetTagItem("smp.acc.bind_result"));
            Assert.Equal("Accepted", Assert.Single(binds, b => b.ParentSpanId == checks[2].SpanId).GetTagItem("smp.acc.bind_result"));
            Assert.All(binds, b => Assert.Equal(ActivityKind.Client, b.Kind));
            Assert.All(spans, s => Assert.DoesNotContain(s.TagObjects, t => t.Value is string v && v.Contains("stale password")));

            var points = Collect(host, metrics);
            Assert.Equal(1, Sum(points, "smp.gateway.acc.attempts", ("outcome", "acc-throttled")));
            Assert.Equal(2, Sum(points, "smp.gateway.acc.binds"));
        }
    }

    private static async Task<(GatewayHost, ExportedSpans, List<Metric>)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var spans = new ExportedSpans();
        var metrics = new List<Metric>();
        settings ??= [];
        settings["Gateway:Telemetry:Enabled"] = "true";
        var host = await GatewayHost.StartAsync(settings, services: s => s
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));
        return (host, spans, metrics);
    }

    private static async Task<Activity> ExportedAsync(ExportedSpans spans, Func<Activity, bool> match)
    {
        for (int i = 0; i < 50; i++)
        {
            if (spans.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("the span was never exported");
    }

    private static Activity Single(ExportedSpans spans, string name)
    {
        return Assert.Single(spans, s => s.DisplayName == name);
    }

    private static List<Metric> Collect(GatewayHost host, List<Metric> metrics)
    {
        host.Gateway.Services.GetRequiredService<MeterProvider>().ForceFlush();
        return metrics;
    }

    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                if (Matches(point, tags))
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }

    private static long HistogramCount(List<Metric> metrics, string name)
    {
        long count = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                count += point.GetHistogramCount();
            }
        }

        return count;
    }

    private static bool Matches(MetricPoint point, (string Key, string Value)[] tags)
    {
        var present = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            present[tag.Key] = tag.Value;
        }

        return tags.All(t => present.TryGetValue(t.Key, out var v) && Equals(v, t.Value));
    }
}
