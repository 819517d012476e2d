using Microsoft.AspNetCore.Builder;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Load;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Load;

[Collection(KeysCollection.Name)]
public sealed class LoadRunnerTests(KeyFixture keys)
{
    [Fact]
    public async Task RunAsync_EveryScenarioAgainstFakeGateway_AllAsExpected()
    {
        string url = LoopbackPort.FreeUrl();
        var gateway = new FakeGateway(new FakeIssuer(keys.ServerKey));
        WebApplication server = await FakeGatewayServer.StartAsync(gateway, url);
        try
        {
            var options = new LoadOptions
            {
                Gateway = new Uri(url),
                EnrollmentSecret = "secret",
                Agents = KeyFixture.AgentCount,
                Concurrency = 2,
                Duration = TimeSpan.FromSeconds(2),
                KeyFolder = keys.KeyFolder,
                Mix = ScenarioMix.Everything,
                RevokeAgent = (agentId, _) =>
                {
                    gateway.Revoke(agentId);
                    return Task.CompletedTask;
                },
            };

            LoadSummary summary = await new LoadRunner(options).RunAsync(CancellationToken.None);

            Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.SelectMany(s => s.Samples)));
            Assert.All(summary.Scenarios.Where(s => s.Weight > 0), s => Assert.True(s.Runs > 0, s.Name + " never ran"));
            Assert.Equal(1, summary.Scenarios.Single(s => s.Name == "revoked").Runs);
            Assert.Contains(summary.Outcomes, o => o is { Status: 403, NsError: "replay" });
            Assert.InRange(summary.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_MaxRequests_StopsEarly()
    {
        string url = LoopbackPort.FreeUrl();
        var gateway = new FakeGateway(new FakeIssuer(keys.ServerKey));
        WebApplication server = await FakeGatewayServer.StartAsync(gateway, url);
        try
        {
            var options = new LoadOptions
            {
                Gateway = new Uri(url),
                EnrollmentSecret = "secret",
                Agents = 2,
                Concurrency = 1,
                Duration = TimeSpan.FromSeconds(30),
                MaxRequests = 20,
                KeyFolder = keys.KeyFolder,
                Mix = ScenarioMix.Parse("warm=1,revoked=1"),
            };

            LoadSummary summary = await new LoadRunner(options).RunAsync(CancellationToken.None);

            Assert.InRange(summary.Requests, 20, 25);
            Assert.True(summary.Elapsed < TimeSpan.FromSeconds(10));
            Assert.Equal("no way to revoke an agent here (the demo has one)", summary.Scenarios.Single(s => s.Name == "revoked").SkipReason);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
