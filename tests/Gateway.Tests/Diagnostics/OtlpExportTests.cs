using System.Net;
using Smp.AgentSim.Legacy;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Diagnostics;

/// <summary>
/// The gateway as a process with only the standard <c>OTEL_*</c> variables set, exporting to a real OTLP receiver
/// (the Aspire dashboard) over HTTP/protobuf and over gRPC: the endpoint, protocol, headers (the receiver's API key)
/// and service name are the variables', and the spans of a two-step authentication arrive.
/// </summary>
public sealed class OtlpExportTests(OtlpExportTests.Dashboard fixture) : IClassFixture<OtlpExportTests.Dashboard>
{
    /// <summary>One dashboard for both tests: each gateway exports under a service name of its own.</summary>
    public sealed class Dashboard : IAsyncLifetime
    {
        internal AspireDashboard Receiver { get; private set; } = null!;

        public async Task InitializeAsync() => Receiver = await AspireDashboard.StartAsync();

        public async Task DisposeAsync() => await Receiver.DisposeAsync();
    }

    [Fact]
    public async Task Otlp_HttpProtobuf_TwoStepAuthenticationInTheDashboard_ServiceSmpGateway()
    {
        var dashboard = fixture.Receiver;
        var spans = await AuthenticateThroughAsync(dashboard, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpHttp,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, "smp-gateway");

        // The hello: ASP.NET Core's server span answered 401, with the gateway's smp.hello and smp.token.issue under it.
        var hello = Assert.Single(spans, s => s.Name == "smp.hello");
        var helloServer = Root(spans, hello);
        Assert.Equal("401", helloServer.Attributes["http.response.status_code"]);
        Assert.Contains(spans, s => s.Name == "smp.token.issue" && s.TraceId == hello.TraceId);

        // The proof: 200, validated, checked with the registry, and forwarded by YARP to the server behind.
        var proof = Assert.Single(spans, s => s.Name == "smp.proof.validate");
        Assert.Equal("accepted", proof.Attributes["smp.outcome"]);
        Assert.Equal("200", Root(spans, proof).Attributes["http.response.status_code"]);
        Assert.Contains(spans, s => s.Name == "smp.registry.check" && s.TraceId == proof.TraceId);
        Assert.Contains(spans, s => s.Name == "proxy.forwarder" && s.TraceId == proof.TraceId);
        Assert.NotEqual(hello.TraceId, proof.TraceId);
    }

    [Fact]
    public async Task Otlp_Grpc_ServiceNameAndHeadersFromTheVariables()
    {
        var dashboard = fixture.Receiver;
        var spans = await AuthenticateThroughAsync(dashboard, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.OtlpGrpc,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_SERVICE_NAME"] = "smp-gateway-edge",
        }, "smp-gateway-edge");

        Assert.Contains(spans, s => s.Name == "smp.hello");
        Assert.Contains(spans, s => s.Name == "smp.proof.validate");
    }

    /// <summary>Enrolls an agent and authenticates it (hello 401, proof 200) through a gateway process exporting with <paramref name="otel"/>.</summary>
    private static async Task<IReadOnlyList<DashboardSpan>> AuthenticateThroughAsync(
        AspireDashboard dashboard, Dictionary<string, string> otel, string service)
    {
        otel["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=" + AspireDashboard.ApiKey;
        // Batches leave every 200 ms rather than every 5 s, so the test waits less.
        otel["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        using var folder = new TempFolder();
        string legacyUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var legacy = LegacyServer.Build(legacyUrl);
        await legacy.StartAsync();
        await using (var gateway = await GatewayServerProcess.StartAsync(folder.Path, legacyUrl, environment: otel))
        {
            using var client = new HttpClient { BaseAddress = new Uri(gateway.Url) };
            var agent = TestAgent.New();
            (await agent.EnrollAsync(client)).Dispose();
            using var response = await agent.AuthenticateAsync(client);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var spans = await dashboard.SpansUntilAsync(all => all.Any(s => s.Service == service && s.Name == "smp.proof.validate"));
        var ours = spans.Where(s => s.Service == service).ToList();
        Assert.True(ours.Count > 0, $"no span from service '{service}'; services seen: {string.Join(", ", spans.Select(s => s.Service).Distinct())}");
        return ours;
    }

    /// <summary>The top of <paramref name="span"/>'s trace: the server span of the request.</summary>
    private static DashboardSpan Root(IReadOnlyList<DashboardSpan> spans, DashboardSpan span)
    {
        while (spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId && s.TraceId == span.TraceId) is { } parent)
        {
            span = parent;
        }

        return span;
    }
}
