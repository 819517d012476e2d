using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

/// <summary><see cref="H2Driver"/> against a real h2c Kestrel: what it counts, and which requests carry which proof.</summary>
public sealed class H2DriverTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("h2-driver-").FullName;
    private H2cServer _server = null!;

    public async Task InitializeAsync() => _server = await H2cServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RunAsync_NoProofs_CountsEveryAnswerOverHttp2OnItsConnections()
    {
        WrkResult result = await new H2Driver(2, 3).RunAsync(Target("/page", BenchAuth.None), null, 1, CancellationToken.None);

        Assert.Equal(_server.Requests.Count, result.Requests);
        Assert.Equal((0L, 0L, 0L, true), (result.StatusErrors, result.SocketErrors, result.Exhausted, result.Clean));
        Assert.Equal(2, _server.Requests.Select(r => r.Connection).Distinct().Count());
        Assert.All(_server.Requests, r => Assert.Equal(("HTTP/2", null), (r.Protocol, r.Authorization)));
        Assert.True(result.P50Microseconds > 0);
    }

    [Fact]
    public async Task RunAsync_RefusedAnswers_CountedAsStatusErrors()
    {
        WrkResult result = await new H2Driver(1, 2).RunAsync(Target("/refuse", BenchAuth.None), null, 1, CancellationToken.None);

        Assert.True(result.Requests > 0);
        Assert.Equal((result.Requests, 0L, false), (result.StatusErrors, result.SocketErrors, result.Clean));
    }

    [Fact]
    public async Task RunAsync_FirstPerConnection_OneProofPerConnectionOnItsFirstRequestAlone()
    {
        string file = Proofs(3);

        WrkResult result = await new H2Driver(3, 4).RunAsync(Target("/page", BenchAuth.FirstPerConnection), file, 2, CancellationToken.None);

        Assert.True(result.Clean, result.ToString());
        var byConnection = _server.Requests.GroupBy(r => r.Connection).ToList();
        Assert.Equal(3, byConnection.Count);
        foreach (var connection in byConnection)
        {
            // The first request of each connection carries a proof; nothing after it.
            Assert.StartsWith("SMPToken proof-", connection.First().Authorization, StringComparison.Ordinal);
            Assert.All(connection.Skip(1), r => Assert.Null(r.Authorization));
        }

        // Requests without a proof went too (a connection opened late, on a loaded machine, may have had no time for any).
        Assert.True(_server.Requests.Count > 3);

        Assert.Equal(["SMPToken proof-1", "SMPToken proof-2", "SMPToken proof-3"], byConnection.Select(c => c.First().Authorization).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EveryRequest_NewProofOnEachUntilTheyRunOut()
    {
        string file = Proofs(200);

        WrkResult result = await new H2Driver(2, 4).RunAsync(Target("/page", BenchAuth.EveryRequest), file, 30, CancellationToken.None);

        // 200 proofs, 200 requests, each its own proof; then the run stops early and says so.
        Assert.Equal((200L, 1L, true), (result.Requests, result.Exhausted, result.Clean));
        Assert.Equal(200, _server.Requests.Select(r => r.Authorization).Distinct().Count());
        Assert.DoesNotContain(_server.Requests, r => r.Authorization is null);
        Assert.True(result.Seconds < 30);
    }

    [Fact]
    public async Task RunAsync_EveryRequestReused_SendsTheProofsAgainInALoop()
    {
        string file = Proofs(3);

        WrkResult result = await new H2Driver(1, 2).RunAsync(Target("/page", BenchAuth.EveryRequestReused), file, 1, CancellationToken.None);

        Assert.True(result.Requests > 3);
        Assert.Equal((0L, true), (result.Exhausted, result.Clean));
        Assert.Equal(["SMPToken proof-1", "SMPToken proof-2", "SMPToken proof-3"], _server.Requests.Select(r => r.Authorization!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ProofsWithoutFile_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new H2Driver(1, 1).RunAsync(Target("/page", BenchAuth.EveryRequest), null, 1, CancellationToken.None));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task RunAsync_NotLoopback_Refused()
    {
        var target = new BenchTarget("t", new Uri("http://192.0.2.1:80/"), "/page", BenchAuth.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new H2Driver(1, 1).RunAsync(target, null, 1, CancellationToken.None));
    }

    private BenchTarget Target(string path, BenchAuth auth) => new("t", _server.Origin, path, auth);

    private string Proofs(int count)
    {
        string path = Path.Combine(_folder, $"proofs-{count}.txt");
        File.WriteAllLines(path, Enumerable.Range(1, count).Select(i => $"proof-{i}"));
        return path;
    }
}
