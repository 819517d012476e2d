using System.Diagnostics;
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
        await using var gateway = await GatewayUnderTest.StartAsync();
        var watch = new GatewayMemoryWatch(gateway.Process.ProcessId, TimeProvider.System);

        LoadSummary summary = await new LoadRunner(watch.Start(Options(gateway.Url))).RunAsync(CancellationToken.None);
        watch.Finish();

        Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.SelectMany(s => s.Samples)));
        // Agents are lent in turn: the first 12 runs are the 12 agents; up to two workers may start one more.
        Assert.InRange(summary.Scenarios.Single(s => s.Name == "cold").Runs, 12, 14);
        Assert.All([watch.Before, watch.Enrolled, watch.After], m => Assert.True(m.RssMiB > 0 && m.PeakMiB >= m.RssMiB, m.ToString()));
        Assert.True(watch.After.PeakMiB >= watch.Before.PeakMiB);
        Assert.True(watch.Enrollment > TimeSpan.Zero);
        string[] lines = [.. watch.Lines(summary)];
        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"Gateway memory (pid {gateway.Process.ProcessId}, /proc/{gateway.Process.ProcessId}/status)", lines[0], StringComparison.Ordinal);
        Assert.Contains("     12 agents enrolled", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadCommand_GatewayPid_PrintsTheMemoryAfterTheSummary()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])[
            Path.Combine(AppContext.BaseDirectory, "agent-sim.dll"), "load", "--gateway", gateway.Url, "--secret", Secret, "--agents", "6",
            "--agents-per-key", "2", "--keys", keys.KeyFolder, "--mix", "cold=1", "--max-requests", "6", "--concurrency", "2", "--duration", "120",
            "--idle-timeout", "5", "--gateway-pid", gateway.Process.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        using Process load = Process.Start(start)!;
        Task<string> errors = load.StandardError.ReadToEndAsync();
        string output = await load.StandardOutput.ReadToEndAsync();
        await load.WaitForExitAsync();

        Assert.True(load.ExitCode == 0, output + await errors);
        Assert.Contains("Result: every scenario behaved as the protocol prescribes.", output, StringComparison.Ordinal);
        Assert.Contains($"\nGateway memory (pid {gateway.Process.ProcessId},", output, StringComparison.Ordinal);
        Assert.Contains("      6 agents enrolled", output, StringComparison.Ordinal);
        Assert.Contains("  per agent (after - before)", output, StringComparison.Ordinal);
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

    /// <summary>A legacy server in this process, and the gateway in its own, from a config file in a folder of its own.</summary>
    private sealed class GatewayUnderTest : IAsyncDisposable
    {
        private readonly WebApplication _legacy;
        private readonly string _folder;

        private GatewayUnderTest(WebApplication legacy, string folder, string url, BenchProcess process) =>
            (_legacy, _folder, Url, Process) = (legacy, folder, url, process);

        public string Url { get; }

        public BenchProcess Process { get; }

        public static async Task<GatewayUnderTest> StartAsync()
        {
            string legacyUrl = LoopbackPort.FreeUrl(), url = LoopbackPort.FreeUrl();
            WebApplication legacy = LegacyServer.Build(legacyUrl);
            await legacy.StartAsync();
            string folder = Directory.CreateTempSubdirectory("memory-watch-").FullName;
            string config = GatewayConfigFile.Write(Path.Combine(folder, "gateway.json"), LoopbackGatewaySettings.For(url, legacyUrl, Path.Combine(folder, "data"), Secret));
            (string dotnet, string[] arguments) = BenchProcess.Gateway(AppContext.BaseDirectory);
            BenchProcess process = await BenchProcess.StartAsync("gateway", dotnet, [.. arguments, "--config", config], folder, new Uri(url + "/readyz"), CancellationToken.None);
            return new GatewayUnderTest(legacy, folder, url, process);
        }

        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            await _legacy.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
