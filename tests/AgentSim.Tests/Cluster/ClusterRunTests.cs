using Smp.AgentSim.Cluster;

namespace Smp.AgentSim.Tests.Cluster;

/// <summary>
/// The short run, in CI: redis-server, three gateway processes (the build next to this test), nginx in
/// front and 1,000 agents for 60 s, with a node killed, agents revoked, Redis stalled and Redis restarted; and a
/// smaller one with a Site added mid-run (<c>--hierarchy</c>). Needs nginx and redis-server (.ci/run installs
/// both): without them it fails, it does not skip.
/// </summary>
public sealed class ClusterRunTests
{
    [Fact]
    public async Task Run_ThousandAgentsOneFaultOfEachKind_VerdictPasses()
    {
        ClusterResult result = await RunAsync(agents: 1_000, concurrency: 32, revocations: 3, hierarchy: false);

        Assert.True(result.Verdict.Passed, string.Join("\n", ClusterReport.Lines(result)));
        // The revocations (one CLI process each, retried through the Redis faults) may outlast a 60 s run on two
        // loaded cores: the disruptive faults must all have happened, and no revoked agent was served either way.
        Assert.Equal(
            [FaultKind.NodeKilled, FaultKind.RedisStalled, FaultKind.RedisRestarted],
            result.Faults.Where(f => f.IsDisruptive).Select(f => f.Kind).Order());
        Assert.Equal(0, result.Doubles);
        Assert.True(result.Proofs > 1_000, $"{result.Proofs} proofs reached the legacy server");
        Assert.Equal(3, result.Revoked);
        Assert.Equal(0, result.RevokedServed + result.RevokedServedAtLegacy);
        Assert.Equal(3, result.Memory.Count(m => m.RssMiB > 0));
    }

    [Fact]
    public async Task Run_HierarchySiteAddedMidRun_VerdictPassesAndSiteServes()
    {
        ClusterResult result = await RunAsync(agents: 300, concurrency: 16, revocations: 2, hierarchy: true);

        Assert.True(result.Verdict.Passed, string.Join("\n", ClusterReport.Lines(result)));
        // The revocations (one CLI process each, seconds apiece on a loaded machine) may outlast this short run.
        Assert.Equal(
            [FaultKind.NodeKilled, FaultKind.RedisStalled, FaultKind.RedisRestarted, FaultKind.SiteAdded],
            result.Faults.Where(f => f.IsDisruptive).Select(f => f.Kind).Order());
        Assert.True(result.SiteServed > 100, $"the Site served {result.SiteServed} calls");
        Assert.True(result.SiteProofs > 100, $"{result.SiteProofs} proofs reached the Site's legacy server");
        Assert.Equal(0, result.Doubles);
        Assert.Equal(0, result.RevokedServed + result.RevokedServedAtLegacy);
        Assert.Equal(4, result.Memory.Count(m => m.RssMiB > 0));
    }

    /// <summary>60 s of load, keys generated in a folder of the test's own.</summary>
    private static async Task<ClusterResult> RunAsync(int agents, int concurrency, int revocations, bool hierarchy)
    {
        string keys = Directory.CreateTempSubdirectory("cluster-keys-").FullName;
        try
        {
            var options = new ClusterOptions
            {
                GatewayBuild = AppContext.BaseDirectory,
                Agents = agents,
                Duration = TimeSpan.FromSeconds(60),
                Concurrency = concurrency,
                Revocations = revocations,
                KeyFolder = keys,
                Hierarchy = hierarchy,
            };

            return await new ClusterRunner(options).RunAsync(CancellationToken.None);
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }
}
