using Smp.AgentSim.Load;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Load;

[Collection(KeysCollection.Name)]
public sealed class LoadRunnerTests(KeyFixture keys)
{
    [Fact]
    public async Task RunAsync_EveryScenarioAgainstFakeGateway_AllAsExpected()
    {
        LoadSummary summary = await FakeGatewayLoad.RunAsync(keys, (url, gateway) => FakeGatewayLoad.Options(url, keys) with
        {
            Duration = TimeSpan.FromSeconds(2),
            Mix = ScenarioMix.Everything,
            RevokeAgent = (agentId, _) =>
            {
                gateway.Revoke(agentId);
                return Task.CompletedTask;
            },
        });

        Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.SelectMany(s => s.Samples)));
        Assert.All(summary.Scenarios.Where(s => s.Weight > 0 && s.SkipReason is null), s => Assert.True(s.Runs > 0, s.Name + " never ran"));
        // The fake has no UNC-codebase route: the ACC scenarios wait for a host with an ACC account.
        Assert.All(summary.Scenarios.Where(s => s.Name is "unc" or "stale-acc"), s => Assert.Equal(0, s.Runs));
        Assert.Equal(1, summary.Scenarios.Single(s => s.Name == "revoked").Runs);
        Assert.Contains(summary.Outcomes, o => o is { Status: 403, NsError: "replay" });
        Assert.InRange(summary.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_MaxRequests_StopsEarly()
    {
        LoadSummary summary = await FakeGatewayLoad.RunAsync(keys, (url, _) => FakeGatewayLoad.Options(url, keys) with
        {
            Agents = 2,
            Concurrency = 1,
            Duration = TimeSpan.FromSeconds(30),
            MaxRequests = 20,
            Mix = ScenarioMix.Parse("warm=1,revoked=1"),
        });

        Assert.InRange(summary.Requests, 20, 25);
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal("no way to revoke an agent here (the demo has one)", summary.Scenarios.Single(s => s.Name == "revoked").SkipReason);
    }
}
