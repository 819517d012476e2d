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
        Assert.All(
            config.Split('\n').Where(line => line.Contains("_path ", StringComparison.Ordinal) || line.TrimStart().StartsWith("pid ", StringComparison.Ordinal)),
            line => Assert.Contains("/tmp/bench/nginx/", line, StringComparison.Ordinal));
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
}
