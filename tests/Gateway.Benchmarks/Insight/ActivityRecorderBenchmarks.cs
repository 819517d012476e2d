using System.Diagnostics.Metrics;
using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Metrics;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Insight;

namespace Smp.Gateway.Benchmarks.Insight;

/// <summary>
/// The per-request cost of the activity bookkeeping (issue 17): <see cref="ActivityRecorder.Record"/>, the call
/// <c>RouteAuthenticationMiddleware</c> makes after a request passes, beside the User-Agent read the middleware already
/// does for it (baseline). Cases: a token agent already in memory (10,000 agents noted, the common case), an agent seen
/// for the first time (one new id per call out of 2^20 made at setup; a fresh recorder when they are used up, so its
/// map grows from empty to 2^20 agents, growth included), and an ACC source noted again. The ACC log line goes to a
/// disabled logger here, so its formatting and sink are not in the figure. <see cref="Exported"/>: the gateway's meter
/// read by OpenTelemetry with the Prometheus exporter, as with <c>Gateway:Telemetry:PrometheusUrl</c> (the by-method
/// counter's <c>Add</c> then goes through OpenTelemetry's aggregation), or read by nobody.
/// </summary>
[MemoryDiagnoser]
public class ActivityRecorderBenchmarks
{
    private const int NewIds = 1 << 20;
    private const int KnownAgents = 10_000;

    private readonly IPAddress _address = IPAddress.Parse("192.0.2.17");
    private GatewayMetrics _metrics = null!;
    private ActivityRecorder _recorder = null!;
    private ActivityRecorder _fresh = null!;
    private DefaultHttpContext _http = null!;
    private string[] _newIds = null!;
    private string _knownId = null!;
    private int _next;

    [Params(false, true)]
    public bool Exported { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddMetrics();
        if (Exported)
        {
            services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(AccMetrics.MeterName).AddPrometheusExporter());
        }

        var provider = services.BuildServiceProvider();
        if (Exported)
        {
            _ = provider.GetRequiredService<MeterProvider>();
        }

        _metrics = new GatewayMetrics(provider.GetRequiredService<IMeterFactory>());
        _recorder = new ActivityRecorder(TimeProvider.System, _metrics, NullLoggerFactory.Instance);
        for (int i = 0; i < KnownAgents; i++)
        {
            _recorder.Record("Token", Guid.NewGuid().ToString(), null, _address, "Altiris-Agent/8.7", "agent", false);
        }

        _knownId = Guid.NewGuid().ToString();
        _recorder.Record("Token", _knownId, null, _address, "Altiris-Agent/8.7", "agent", false);
        _recorder.Record("ACC", null, @"EXAMPLE\_SMP_ACC", _address, "Altiris-Agent/8.7", "agent", false);
        _newIds = Enumerable.Range(0, NewIds).Select(_ => Guid.NewGuid().ToString()).ToArray();
        _fresh = new ActivityRecorder(TimeProvider.System, _metrics, NullLoggerFactory.Instance);
        _http = new DefaultHttpContext();
        _http.Request.Headers.UserAgent = "Altiris-Agent/8.7";
    }

    [Benchmark(Baseline = true)]
    public string UserAgentRead() => _http.Request.Headers.UserAgent.ToString();

    [Benchmark]
    public void SameAgent() => _recorder.Record("Token", _knownId, null, _address, _http.Request.Headers.UserAgent.ToString(), "agent", false);

    [Benchmark]
    public void NewAgent()
    {
        if (_next == NewIds)
        {
            _fresh = new ActivityRecorder(TimeProvider.System, _metrics, NullLoggerFactory.Instance);
            _next = 0;
        }

        _fresh.Record("Token", _newIds[_next++], null, _address, _http.Request.Headers.UserAgent.ToString(), "agent", false);
    }

    [Benchmark]
    public void AccSource() => _recorder.Record("ACC", null, @"EXAMPLE\_SMP_ACC", _address, _http.Request.Headers.UserAgent.ToString(), "agent", false);
}
