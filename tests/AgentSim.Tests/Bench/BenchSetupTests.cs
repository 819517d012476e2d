using Smp.AgentSim.Bench;
using Smp.AgentSim.Cli;

namespace Smp.AgentSim.Tests.Bench;

public sealed class BenchSetupTests
{
    [Fact]
    public void ReadOptions_NoFlag_GivesTheDefaults()
    {
        BenchOptions options = BenchCommand.ReadOptions(new ArgumentReader("bench", []));

        Assert.Equal((5, 6, 32, 1, false, null), (options.Seconds, options.Rounds, options.Connections, options.WarmupSeconds, options.Breakdown, options.JsonFile));
    }

    [Fact]
    public void ReadOptions_OutOfProcess_ReadsTheFlagAndTheGatewayBuild()
    {
        BenchOptions options = BenchCommand.ReadOptions(new ArgumentReader("bench", ["--out-of-process", "--gateway-build", "/tmp/pub"]));
        BenchOptions defaults = BenchCommand.ReadOptions(new ArgumentReader("bench", []));

        Assert.Equal((true, "/tmp/pub"), (options.OutOfProcess, options.GatewayBuild));
        Assert.Equal((false, AppContext.BaseDirectory), (defaults.OutOfProcess, defaults.GatewayBuild));
        Assert.Null(options.CompareBuild);
    }

    [Fact]
    public void ReadOptions_CompareBuild_IsKept()
    {
        BenchOptions options = BenchCommand.ReadOptions(new ArgumentReader("bench", ["--out-of-process", "--compare-build", "/tmp/before"]));

        Assert.Equal("/tmp/before", options.CompareBuild);
    }

    [Theory]
    [InlineData(new[] { "--out-of-process", "--http2" }, 4, 8)]
    [InlineData(new[] { "--out-of-process", "--http2", "--connections", "2", "--streams", "16" }, 2, 16)]
    public void ReadOptions_Http2_ConnectionsAndStreams(string[] arguments, int connections, int streams)
    {
        BenchOptions options = BenchCommand.ReadOptions(new ArgumentReader("bench", arguments));

        Assert.Equal((true, connections, streams), (options.Http2, options.Connections, options.Streams));
    }

    [Theory]
    [InlineData(new[] { "--http2" }, "--http2: only with --out-of-process")]
    [InlineData(new[] { "--out-of-process", "--streams", "4" }, "--streams: only with --http2")]
    [InlineData(new[] { "--out-of-process", "--http2", "--streams", "0" }, "--streams: expected a whole number from 1 to 100, got '0'")]
    [InlineData(new[] { "--compare-build", "/tmp/before" }, "--compare-build: only with --out-of-process, over HTTP/1.1")]
    [InlineData(new[] { "--out-of-process", "--http2", "--compare-build", "/tmp/before" }, "--compare-build: only with --out-of-process, over HTTP/1.1")]
    public void ReadOptions_Http2Misused_Refused(string[] arguments, string message)
    {
        var e = Assert.Throws<UsageException>(() => BenchCommand.ReadOptions(new ArgumentReader("bench", arguments)));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithH2c_Url_AddsAnHttp2OnlyEndpointBesideTheFirst()
    {
        Dictionary<string, string?> settings = BenchGatewayHost.Settings("http://127.0.0.1:5000", "http://127.0.0.1:5001", "/tmp/d", "s").WithH2c("http://127.0.0.1:5002");

        Assert.Equal(
            ("http://127.0.0.1:5000", "http://127.0.0.1:5002", "Http2", null),
            (settings["Kestrel:Endpoints:Http:Url"], settings["Kestrel:Endpoints:H2c:Url"], settings["Kestrel:Endpoints:H2c:Protocols"], settings.GetValueOrDefault("Kestrel:Endpoints:Http:Protocols")));
    }

    [Fact]
    public void OriginConfiguration_Nginx_AnswersThePageItselfOnLoopbackAndWritesOnlyInItsFolder()
    {
        string config = NginxHost.OriginConfiguration("/tmp/bench/nginx", 5001, "/a.aspx", "<a/>");

        Assert.Contains("listen 127.0.0.1:5001;", config, StringComparison.Ordinal);
        Assert.Contains("location = /a.aspx {", config, StringComparison.Ordinal);
        Assert.Contains("return 200 '<a/>';", config, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy_pass", config, StringComparison.Ordinal);
        AssertWritesOnlyIn("/tmp/bench/nginx/", config);
    }

    [Fact]
    public void OriginConfiguration_PageWithQuote_Refused()
    {
        Assert.Throws<ArgumentException>(() => NginxHost.OriginConfiguration("/tmp/n", 5001, "/a.aspx", "<a b='c'/>"));
    }

    [Fact]
    public void Settings_GatewayWithBreakdown_AddsTheAnonymousRoute()
    {
        Dictionary<string, string?> settings = BenchGatewayHost.Settings("http://127.0.0.1:1", "http://127.0.0.1:2", "/tmp/d", "secret", anonymousRoute: true);

        Assert.Equal("Anonymous", settings["ReverseProxy:Routes:bench-anonymous:Metadata:SmpAuth"]);
        Assert.Equal("true", settings["Gateway:Connection:KeepAuthentication"]);
    }

    [Theory]
    [InlineData("--rounds", "0", "--rounds")]
    [InlineData("--seconds", "61", "--seconds")]
    [InlineData("--breakdown", "maybe", "--breakdown")]
    public void ReadOptions_BadValue_NamesTheFlag(string flag, string value, string named)
    {
        UsageException e = Assert.Throws<UsageException>(() => BenchCommand.ReadOptions(new ArgumentReader("bench", [flag, value])));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_Wrk_OneThreadFixedConnectionsAndDuration()
    {
        var driver = new WrkDriver("/tmp", 32);
        var target = new BenchTarget("yarp", new Uri("http://127.0.0.1:5000/"), "/a.aspx", BenchAuth.None);

        Assert.Equal(["-t1", "-c32", "-d5s", "--timeout", "5s", "-s", "/tmp/s.lua", "http://127.0.0.1:5000/a.aspx"], driver.Arguments(target, "/tmp/s.lua", 5));
    }

    [Fact]
    public void Configuration_Nginx_ListensOnLoopbackKeepsUpstreamAliveAndWritesOnlyInItsFolder()
    {
        string config = NginxHost.Configuration("/tmp/bench/nginx", 5001, [5002], 32);

        Assert.Contains("listen 127.0.0.1:5001;", config, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:5002;", config, StringComparison.Ordinal);
        Assert.Contains("keepalive 32;", config, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header Connection \"\";", config, StringComparison.Ordinal);
        Assert.Contains("master_process off;", config, StringComparison.Ordinal);
        AssertWritesOnlyIn("/tmp/bench/nginx/", config);
    }

    [Fact]
    public void Settings_Gateway_KeepsConnectionAuthenticationAndLiftsRateLimits()
    {
        Dictionary<string, string?> settings = BenchGatewayHost.Settings("http://127.0.0.1:1", "http://127.0.0.1:2", "/tmp/d", "secret");

        Assert.Equal("true", settings["Gateway:Connection:KeepAuthentication"]);
        Assert.Equal("1000000", settings["Gateway:RateLimits:TokensPerSourcePerMinute"]);
        Assert.Equal("Warning", settings["Logging:LogLevel:Default"]);
        Assert.Equal("http://127.0.0.1:2/", settings["ReverseProxy:Clusters:legacy:Destinations:primary:Address"]);
    }

    /// <summary>Every file nginx writes (its pid and temporary folders) is in <paramref name="folder"/>.</summary>
    private static void AssertWritesOnlyIn(string folder, string config) =>
        Assert.All(
            config.Split('\n').Where(line => line.Contains("_path ", StringComparison.Ordinal) || line.TrimStart().StartsWith("pid ", StringComparison.Ordinal)),
            line => Assert.Contains(folder, line, StringComparison.Ordinal));
}
