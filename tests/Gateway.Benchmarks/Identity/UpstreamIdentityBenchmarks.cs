using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Identity;
using Smp.Gateway.Tests.Infrastructure;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Smp.Gateway.Benchmarks.Identity;

/// <summary>
/// The per-request cost of the upstream identity: the gateway's identity transform on one forwarded request of a
/// token-authenticated agent, for a cluster presenting the <c>X-SMP-*</c> headers only (baseline), Basic (a value
/// prepared at load) and Negotiate (a Kerberos token made per request by GSSAPI, the service ticket cached in memory).
/// Negotiate needs a KDC: <c>upstream-identity.sh</c> provisions a Samba AD DC on loopback, exports the service
/// account's keytab and sets <c>KRB5_CONFIG</c>, <c>SMPGW_BENCH_KEYTAB</c> and <c>SMPGW_BENCH_SPN</c>.
/// </summary>
[MemoryDiagnoser]
public class UpstreamIdentityBenchmarks
{
    private RequestTransform _headers = null!;
    private RequestTransform _basic = null!;
    private RequestTransform _negotiate = null!;
    private DefaultHttpContext _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        string keytab = Environment.GetEnvironmentVariable("SMPGW_BENCH_KEYTAB")
            ?? throw new InvalidOperationException("SMPGW_BENCH_KEYTAB is not set: run tests/Gateway.Benchmarks/upstream-identity.sh");
        string spn = Environment.GetEnvironmentVariable("SMPGW_BENCH_SPN") ?? "HTTP/legacy.example.test";
        string password = Path.Combine(Path.GetTempPath(), "smpgw-bench-upstream.password");
        File.WriteAllText(password, "Bench-Pass-123");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [UpstreamIdentitySettings.KeytabKey] = keytab }).Build();
        var provider = new IdentityTransformProvider(
            new StaticOptionsMonitor(new GatewayOptions()),
            new UpstreamCredentials(configuration, new CauseThrottle(TimeProvider.System), NullLoggerFactory.Instance));
        _headers = Transform(provider, new Dictionary<string, string>());
        _basic = Transform(provider, new Dictionary<string, string>
        {
            ["SmpUpstreamIdentity"] = "Basic",
            ["SmpUpstreamUser"] = @"EXAMPLE\_SMP_IUSR",
            ["SmpUpstreamPasswordFile"] = password,
        });
        _negotiate = Transform(provider, new Dictionary<string, string> { ["SmpUpstreamIdentity"] = "Negotiate", ["SmpUpstreamSpn"] = spn });

        _http = new DefaultHttpContext();
        _http.Request.Headers.Authorization = "SMPToken eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
        _http.Features.Set(new ForwardedIdentity("Token", "_SMP_IUSR", "6f1c0a52-8d4e-4f7e-9a43-0c5d2b7e9f10"));
        if (Headers().Result != 0 || Basic().Result != 0 || Negotiate().Result != 0)
        {
            throw new InvalidOperationException($"a transform answered {_http.Response.StatusCode}: is the KDC up, and the keytab current?");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<int> Headers() => RunAsync(_headers);

    [Benchmark]
    public Task<int> Basic() => RunAsync(_basic);

    [Benchmark]
    public Task<int> Negotiate() => RunAsync(_negotiate);

    private async Task<int> RunAsync(RequestTransform transform)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:8081/Altiris/NS/Agent/Echo.aspx");
        var context = new RequestTransformContext
        {
            HttpContext = _http,
            ProxyRequest = request,
            Path = "/Altiris/NS/Agent/Echo.aspx",
            Query = new QueryTransformContext(_http.Request),
            DestinationPrefix = "http://127.0.0.1:8081/",
            HeadersCopied = true,
        };
        await transform.ApplyAsync(context);
        return _http.Response.StatusCode == StatusCodes.Status200OK ? 0 : _http.Response.StatusCode;
    }

    private static RequestTransform Transform(IdentityTransformProvider provider, Dictionary<string, string> metadata)
    {
        var context = new TransformBuilderContext
        {
            Route = new RouteConfig { RouteId = "legacy", ClusterId = "legacy" },
            Cluster = new ClusterConfig
            {
                ClusterId = "legacy",
                Metadata = metadata,
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = "http://127.0.0.1:8081/" } },
            },
        };
        provider.Apply(context);
        return context.RequestTransforms.Single();
    }
}
