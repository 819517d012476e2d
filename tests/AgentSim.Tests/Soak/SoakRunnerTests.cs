using Smp.AgentSim.Soak;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Soak;

/// <summary>A soak in miniature: 20 agents over the suite's 3 keys, 5 s, a sample a second.</summary>
[Collection(KeysCollection.Name)]
public sealed class SoakRunnerTests(KeyFixture keys)
{
    [Fact]
    public async Task RunAsync_TwentyAgentsFiveSeconds_SamplesEverySecondAndVerdictFromThem()
    {
        var options = new SoakOptions
        {
            Agents = 20,
            AgentsPerKey = 7,
            Duration = TimeSpan.FromSeconds(5),
            SamplePeriod = TimeSpan.FromSeconds(1),
            Concurrency = 4,
            KeyFolder = keys.KeyFolder,
        };

        SoakResult result = await new SoakRunner(options).RunAsync(CancellationToken.None);

        Assert.True(result.Load.AllAsExpected, string.Join("; ", result.Load.Scenarios.SelectMany(s => s.Samples)));
        Assert.Equal(20, result.Load.Agents);
        Assert.Contains(result.Load.Scenarios, s => s is { Name: "hostile", Runs: > 0 });
        Assert.InRange(result.Samples.Count, 4, 8);
        Assert.All(result.Samples, s => Assert.True(s.HeapSize > 0 && s.WorkingSet > 0 && s.Threads > 0 && s.Handles > 0));
        Assert.Equal(result.Samples.OrderBy(s => s.Elapsed), result.Samples);
        Assert.Equal(SoakVerdict.Of(result.Samples), result.Verdict);
        Assert.Equal(result.Verdict.Flat && result.Load.AllAsExpected, result.Passed);

        var report = new StringWriter();
        SoakReport.Write(report, result);
        Assert.Contains("Medians, second third -> last third of " + result.Samples.Count + " samples", report.ToString());
    }
}
