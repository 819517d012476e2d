using Smp.AgentSim.Cluster;

namespace Smp.AgentSim.Tests.Cluster;

/// <summary>
/// The short run, in CI: redis-server, three gateway processes (the build next to this test), nginx in
/// front and 1,000 agents for 60 s, with a node killed, agents revoked, Redis stalled and Redis restarted. Needs
/// nginx and redis-server (.ci/run installs both): without them it fails, it does not skip.
/// </summary>
public sealed class ClusterRunTests
{
    [Fact]
    public async Task Run_ThousandAgentsOneFaultOfEachKind_VerdictPasses()
    {
        string keys = Directory.CreateTempSubdirectory("cluster-keys-").FullName;
        try
        {
            var options = new ClusterOptions
            {
                GatewayBuild = AppContext.BaseDirectory,
                Agents = 1_000,
                Duration = TimeSpan.FromSeconds(60),
                Concurrency = 32,
                Revocations = 5,
                KeyFolder = keys,
            };

            ClusterResult result = await new ClusterRunner(options).RunAsync(CancellationToken.None);

            Assert.True(result.Verdict.Passed, string.Join("\n", ClusterReport.Lines(result)));
            Assert.Equal(
                [FaultKind.NodeKilled, FaultKind.AgentsRevoked, FaultKind.RedisStalled, FaultKind.RedisRestarted],
                result.Faults.Select(f => f.Kind).Order());
            Assert.Equal(0, result.Doubles);
            Assert.True(result.Proofs > 1_000, $"{result.Proofs} proofs reached the legacy server");
            Assert.Equal(5, result.Revoked);
            Assert.Equal(3, result.Memory.Count(m => m.RssMiB > 0));
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }
}
