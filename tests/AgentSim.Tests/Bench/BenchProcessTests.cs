using Smp.AgentSim.Bench;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Tests.Bench;

/// <summary><c>bench --out-of-process</c>: plain YARP as <c>agent-sim bench-yarp</c>, a real process of its own.</summary>
public sealed class BenchProcessTests
{
    private static readonly string AgentSim = Path.Combine(AppContext.BaseDirectory, "agent-sim.dll");

    [Fact]
    public async Task StartAsync_BenchYarp_OwnProcessForwardsThePageOnceReady()
    {
        string legacy = LoopbackPort.FreeUrl(), yarp = LoopbackPort.FreeUrl();
        await using WebApplication server = LegacyServer.Build(legacy);
        await server.StartAsync();
        string folder = Directory.CreateTempSubdirectory("bench-process-").FullName;
        try
        {
            await using (BenchProcess process = await BenchProcess.StartAsync(
                "plain YARP", "dotnet", [AgentSim, "bench-yarp", "--urls", yarp, "--upstream", legacy], folder, new Uri(yarp + BenchRunner.Page), CancellationToken.None))
            {
                using var client = new HttpClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(yarp + BenchRunner.Page)) { Headers = { { LegacyIdentityGate.AuthHeader, "Anonymous" } } };
                using HttpResponseMessage response = await client.SendAsync(request);

                Assert.Equal((System.Net.HttpStatusCode.OK, LegacyDocuments.TaskServersText), (response.StatusCode, await response.Content.ReadAsStringAsync()));
                Assert.NotEqual(Environment.ProcessId, process.ProcessId);
                Assert.True(process.StartToReady > TimeSpan.Zero);
            }

            using var after = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => after.GetAsync(new Uri(yarp + BenchRunner.Page)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_BenchYarpWithHttp2Url_ForwardsTheH2DriversRequests()
    {
        string legacy = LoopbackPort.FreeUrl(), yarp = LoopbackPort.FreeUrl(), h2c = LoopbackPort.FreeUrl();
        await using WebApplication server = LegacyServer.Build(legacy);
        await server.StartAsync();
        string folder = Directory.CreateTempSubdirectory("bench-process-").FullName;
        try
        {
            await using BenchProcess process = await BenchProcess.StartAsync(
                "plain YARP", "dotnet", [AgentSim, "bench-yarp", "--urls", yarp, "--upstream", legacy, "--http2-url", h2c], folder,
                new Uri(yarp + BenchRunner.Page), CancellationToken.None);

            // The driver's requests carry the identity headers the legacy server trusts: every one answered 200.
            WrkResult result = await new H2Driver(2, 2).RunAsync(
                new BenchTarget(BenchTarget.YarpH2, new Uri(h2c + "/"), BenchRunner.Page, BenchAuth.None), null, 1, CancellationToken.None);

            Assert.True(result.Requests > 0);
            Assert.Equal((0L, 0L), (result.StatusErrors, result.SocketErrors));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_ExitsBeforeReady_FailsWithItsOutput()
    {
        string folder = Directory.CreateTempSubdirectory("bench-process-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BenchProcess.StartAsync(
                "plain YARP", "dotnet", [AgentSim, "bench-yarp", "--urls", "http://192.0.2.1:1", "--upstream", "http://127.0.0.1:1"], folder,
                new Uri("http://127.0.0.1:1/"), CancellationToken.None));

            Assert.Contains("plain YARP exited with 2", e.Message, StringComparison.Ordinal);
            Assert.Contains("--urls", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
