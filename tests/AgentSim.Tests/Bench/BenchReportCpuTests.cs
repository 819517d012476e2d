using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

public sealed class BenchReportCpuTests
{
    private static readonly string[] Targets = [BenchTarget.Yarp, BenchTarget.GatewayKeepAlive, BenchTarget.YarpProof, BenchTarget.GatewayFresh];

    [Fact]
    public void CpuDifference_Rounds_IsTheMedianOfEachRoundsDifference()
    {
        BenchReport report = Report(
            Round(yarpProof: 60, gatewayFresh: 100),
            Round(yarpProof: 50, gatewayFresh: 130),
            Round(yarpProof: 70, gatewayFresh: 120));

        // Differences 40, 80, 50: the median is 50.
        Assert.Equal(50, report.CpuDifference(BenchTarget.GatewayFresh, BenchTarget.YarpProof)!.Value, 6);
    }

    [Fact]
    public void WriteTable_CpuMeasured_PrintsTheCpuTableAndTheDifferences()
    {
        BenchReport report = Report(Round(yarpProof: 60, gatewayFresh: 100));
        using var output = new StringWriter();

        report.WriteTable(output);

        string text = output.ToString();
        Assert.Contains("CPU us/request (its process)", text, StringComparison.Ordinal);
        Assert.Contains("fresh proof gateway over YARP: +40.0 us CPU per request (median of rounds)", text, StringComparison.Ordinal);
        Assert.Contains("keep-alive gateway over YARP: +10.0 us CPU per request (median of rounds)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTable_InProcess_HasNoCpuTable()
    {
        var round = new Dictionary<string, WrkResult> { [BenchTarget.Yarp] = Result(null), [BenchTarget.GatewayKeepAlive] = Result(null) };
        using var output = new StringWriter();

        Report(round).WriteTable(output);

        Assert.DoesNotContain("CPU us/request", output.ToString(), StringComparison.Ordinal);
    }

    private static BenchReport Report(params IReadOnlyDictionary<string, WrkResult>[] rounds) =>
        new(new BenchOptions(), Targets, rounds, nginxNote: null);

    private static Dictionary<string, WrkResult> Round(double yarpProof, double gatewayFresh) => new()
    {
        [BenchTarget.Yarp] = Result(40),
        [BenchTarget.GatewayKeepAlive] = Result(50),
        [BenchTarget.YarpProof] = Result(yarpProof),
        [BenchTarget.GatewayFresh] = Result(gatewayFresh),
    };

    private static WrkResult Result(double? cpu) =>
        new(10_000, 1_000_000, 0, 0, 0, 1_000, 2_000) { CpuMicrosecondsPerRequest = cpu, ContextSwitchesPerRequest = cpu is null ? null : 0.5 };
}
