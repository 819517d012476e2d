using System.Text.Json;
using Smp.AgentSim.Cluster;
using Smp.AgentSim.Tests.Report;

namespace Smp.AgentSim.Tests.Cluster;

public sealed class ClusterReportTests
{
    private static readonly FaultWindow Stall = new(FaultKind.RedisStalled, "Redis stalled (SIGSTOP) 3 s", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    [Fact]
    public void WriteHtml_Faults_DrawnAsBandsOnBothTimeChartsWithTheVerdict()
    {
        string file = Path.Combine(Path.GetTempPath(), $"cluster-{Guid.NewGuid():N}.html");
        try
        {
            ClusterReport.WriteHtml(file, Result(), "agent-sim cluster");
            string html = File.ReadAllText(file);

            Assert.Equal(2, html.Split("<rect class=\"band\"").Length - 1);
            Assert.Contains("<title>Redis stalled (SIGSTOP) 3 s</title>", html, StringComparison.Ordinal);
            Assert.Contains("Cluster run passed.", html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void WriteJson_Result_CarriesVerdictFaultsAndTheLoad()
    {
        using var stream = new MemoryStream();
        ClusterReport.WriteJson(stream, Result() with { Doubles = 2, DoubleSamples = ["j:1", "j:2"] });
        JsonElement root = JsonDocument.Parse(stream.ToArray()).RootElement;

        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal(2, root.GetProperty("doubles").GetInt64());
        Assert.Equal(1.5, root.GetProperty("faults")[0].GetProperty("secondsBackToLevel").GetDouble());
        Assert.Equal("node0", root.GetProperty("nodeMemory")[0].GetProperty("node").GetString());
        Assert.True(root.GetProperty("load").GetProperty("requests").GetInt64() > 0);
    }

    private static ClusterResult Result() => new()
    {
        Load = SyntheticRun.Summary(),
        Nodes = 1,
        Faults = [Stall],
        Recoveries = [new FaultRecovery(Stall, 50, 1.5)],
        ErrorsInFaults = 3,
        ErrorsOutside = 0,
        ErrorsOutsideSamples = [],
        Proofs = 100,
        Doubles = 0,
        WithoutProofId = 0,
        Revoked = 0,
        RevokedServed = 0,
        RevokedServedAtLegacy = 0,
        RevokedRefused = 0,
        GaveUp = 0,
        Memory = [new NodeMemory("node0", 100, 110, 0)],
    };
}
