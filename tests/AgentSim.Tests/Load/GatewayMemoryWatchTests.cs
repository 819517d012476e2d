using Smp.AgentSim.Bench;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;
using Smp.AgentSim.Load;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Load;

/// <summary>
/// <c>load --gateway-pid</c>: the memory of a real gateway process (the build next to this test, started with
/// <c>--config</c>) before, once enrolled and after a load in which every agent made one hello and one proof.
/// </summary>
[Collection(KeysCollection.Name)]
public sealed class GatewayMemoryWatchTests(KeyFixture keys)
{
    private const string Secret = "memory-watch-secret";

    [Fact]
    public async Task Start_GatewayProcessEveryAgentColdOnce_ReadsItsMemoryAtEachStage()
    {
        string legacy = LoopbackPort.FreeUrl(), gateway = LoopbackPort.FreeUrl();
        await using WebApplication server = LegacyServer.Build(legacy);
        await server.StartAsync();
        string folder = Directory.CreateTempSubdirectory("memory-watch-").FullName;
        try
        {
            string config = GatewayConfigFile.Write(
                Path.Combine(folder, "gateway.json"), LoopbackGatewaySettings.For(gateway, legacy, Path.Combine(folder, "data"), Secret));
            (string dotnet, string[] arguments) = BenchProcess.Gateway(AppContext.BaseDirectory);
            await using BenchProcess process = await BenchProcess.StartAsync(
                "gateway", dotnet, [.. arguments, "--config", config], folder, new Uri(gateway + "/readyz"), CancellationToken.None);
            var watch = new GatewayMemoryWatch(process.ProcessId, TimeProvider.System);

            LoadSummary summary = await new LoadRunner(watch.Start(Options(gateway))).RunAsync(CancellationToken.None);
            watch.Finish();

            Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.SelectMany(s => s.Samples)));
            // Agents are lent in turn: the first 12 runs are the 12 agents; up to two workers may start one more.
            Assert.InRange(summary.Scenarios.Single(s => s.Name == "cold").Runs, 12, 14);
            Assert.All([watch.Before, watch.Enrolled, watch.After], m => Assert.True(m.RssMiB > 0 && m.PeakMiB >= m.RssMiB, m.ToString()));
            Assert.True(watch.After.PeakMiB >= watch.Before.PeakMiB);
            Assert.True(watch.Enrollment > TimeSpan.Zero);
            string[] lines = [.. watch.Lines(summary)];
            Assert.Equal(5, lines.Length);
            Assert.StartsWith($"Gateway memory (pid {process.ProcessId}, /proc/{process.ProcessId}/status)", lines[0], StringComparison.Ordinal);
            Assert.Contains("     12 agents enrolled", lines[2], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Start_NoSuchProcess_ThrowsNamingTheFlag()
    {
        var watch = new GatewayMemoryWatch(int.MaxValue, TimeProvider.System);

        var e = Assert.Throws<InvalidOperationException>(() => watch.Start(Options("http://127.0.0.1:1")));

        Assert.StartsWith("--gateway-pid 2147483647: no such process", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100.0, 200.0, 100_000, 1.024)]
    [InlineData(100.0, 100.0, 12, 0.0)]
    [InlineData(100.0, 150.0, 0, 0.0)]
    public void PerAgentKiB_Growth_DividedByAgents(double beforeMiB, double afterMiB, int agents, double expected) =>
        Assert.Equal(expected, GatewayMemoryWatch.PerAgentKiB(new ProcessMemory(beforeMiB, beforeMiB), new ProcessMemory(afterMiB, afterMiB), agents), 6);

    private LoadOptions Options(string gateway) => new()
    {
        Gateway = new Uri(gateway),
        EnrollmentSecret = Secret,
        Agents = 12,
        AgentsPerKey = 4,
        Concurrency = 3,
        Duration = TimeSpan.FromSeconds(120),
        MaxRequests = 12,
        Mix = ScenarioMix.Parse("cold=1"),
        KeyFolder = keys.KeyFolder,
    };
}
