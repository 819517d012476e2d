using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

/// <summary><see cref="H2loadDriver"/>: h2load's summary read as wrk's figures, and a real h2load against a real h2c Kestrel.</summary>
public sealed class H2loadDriverTests
{
    private const string Summary = """
        starting benchmark...
        spawning thread #0: 4 total client(s). Timing-based test with 0s of warm-up time and 3s of main duration for measurements.
        finished in 3.00s, 25934.33 req/s, 3.46MB/s
        requests: 77803 total, 77835 started, 77803 done, 77790 succeeded, 13 failed, 5 errored, 2 timeout
        status codes: 77790 2xx, 0 3xx, 6 4xx, 1 5xx
        traffic: 10.39MB (10891612) total, 1.03MB (1077456) headers (space savings 93.32%), 9.63MB (10100390) data
        """;

    [Fact]
    public void Parse_Summary_ReadsDoneDurationAndProblems()
    {
        WrkResult result = H2loadDriver.Parse(Summary)!;

        Assert.Equal((77803L, 3_000_000L, 7L, 7L, 0L), (result.Requests, result.DurationMicroseconds, result.StatusErrors, result.SocketErrors, result.Exhausted));
        Assert.False(result.Clean);
    }

    [Theory]
    [InlineData("finished in 850.12ms, 100.00 req/s, 1KB/s\nrequests: 85 total, 85 started, 85 done, 85 succeeded, 0 failed, 0 errored, 0 timeout\n", 85, 850_120)]
    [InlineData("finished in 2.5s, 40 req/s, 1KB/s\nrequests: 100 total, 100 started, 100 done, 100 succeeded, 0 failed, 0 errored, 0 timeout\n", 100, 2_500_000)]
    public void Parse_Duration_InSecondsOrMilliseconds(string output, long requests, long micros)
    {
        WrkResult result = H2loadDriver.Parse(output)!;

        Assert.Equal((requests, micros, true), (result.Requests, result.DurationMicroseconds, result.Clean));
    }

    [Theory]
    [InlineData("")]
    [InlineData("finished in 3.00s, 1 req/s\n")]
    [InlineData("requests: 1 total, 1 started, 1 done, 1 succeeded, 0 failed, 0 errored, 0 timeout\n")]
    public void Parse_NoSummary_Null(string output) => Assert.Null(H2loadDriver.Parse(output));

    [Fact]
    public void Arguments_Target_OneThreadConnectionsStreamsDurationAndTheIdentityHeaders()
    {
        var target = new BenchTarget(BenchTarget.YarpH2load, new Uri("http://127.0.0.1:5000/"), "/a.aspx", BenchAuth.None, ByH2load: true);

        Assert.Equal(
            ["-t1", "-c4", "-m8", "-D", "3", "-H", "X-SMP-Identity: _SMP_IUSR", "-H", "X-SMP-Auth: Token", "http://127.0.0.1:5000/a.aspx"],
            new H2loadDriver(4, 8).Arguments(target, 3));
    }

    [Fact]
    public async Task RunAsync_ProofTarget_Refused()
    {
        var target = new BenchTarget("t", new Uri("http://127.0.0.1:5000/"), "/a.aspx", BenchAuth.EveryRequestReused);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new H2loadDriver(1, 1).RunAsync(target, "/tmp/p", 1, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_RealH2cServer_CountsWhatTheServerSaw()
    {
        await using H2cServer server = await H2cServer.StartAsync();

        WrkResult result = await new H2loadDriver(2, 4).RunAsync(new BenchTarget("t", server.Origin, "/page", BenchAuth.None, ByH2load: true), null, 1, CancellationToken.None);

        // h2load counts what was answered within its duration; the server may have seen a few more in flight at the end.
        Assert.True(result.Clean);
        Assert.InRange(result.Requests, 1, server.Requests.Count);
        Assert.Equal(2, server.Requests.Select(r => r.Connection).Distinct().Count());
        Assert.All(server.Requests, r => Assert.Equal("HTTP/2", r.Protocol));
    }
}
