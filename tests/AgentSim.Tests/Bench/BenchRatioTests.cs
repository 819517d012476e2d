using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

public sealed class BenchRatioTests
{
    private static readonly BenchRatio KeepAlive = BenchRatio.All.Single(r => r.Label == "keep-alive gateway/YARP");

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 0.7 }, 0.7)]
    public void MedianOf_Values_IsTheMiddleOne(double[] values, double expected)
    {
        Assert.Equal(expected, BenchRatio.MedianOf(values)!.Value, 10);
    }

    [Fact]
    public void MedianOf_NoValue_IsNull()
    {
        Assert.Null(BenchRatio.MedianOf([]));
    }

    [Fact]
    public void Median_Rounds_IsTheMedianOfEachRoundsRatio()
    {
        // Ratios 0.5, 0.9, 1.0: the median of ratios, not the ratio of medians (9000/10000 would be 0.9 too, 500/1000 not).
        IReadOnlyDictionary<string, WrkResult>[] rounds =
        [
            Round(yarp: 1_000, gateway: 500),
            Round(yarp: 10_000, gateway: 9_000),
            Round(yarp: 2_000, gateway: 2_000),
        ];

        Assert.Equal(0.9, KeepAlive.Median(rounds)!.Value, 10);
    }

    [Fact]
    public void In_FailedMeasurement_GivesNoRatio()
    {
        var round = new Dictionary<string, WrkResult>
        {
            [BenchTarget.Yarp] = Result(1_000),
            [BenchTarget.GatewayKeepAlive] = Result(900) with { StatusErrors = 12 },
        };

        Assert.Null(KeepAlive.In(round));
    }

    [Theory]
    [InlineData(0.99, "keep-alive gateway/YARP 0.99 (target 0.97) met")]
    [InlineData(0.97, "keep-alive gateway/YARP 0.97 (target 0.97) met")]
    [InlineData(0.81, "keep-alive gateway/YARP 0.81 (target 0.97) missed by 0.16 (16%)")]
    public void FinalLine_WithTarget_SaysMetOrByHowMuchMissed(double median, string expected)
    {
        Assert.Equal(expected, BenchReport.FinalLine(KeepAlive, median));
    }

    [Fact]
    public void FinalLine_WithoutTarget_GivesTheFigureAlone()
    {
        BenchRatio nginx = BenchRatio.All.Single(r => r.Numerator == BenchTarget.Nginx);

        Assert.Equal("nginx/server 0.51", BenchReport.FinalLine(nginx, 0.514));
        Assert.Equal("nginx/server not measured", BenchReport.FinalLine(nginx, null));
    }

    private static Dictionary<string, WrkResult> Round(double yarp, double gateway) => new()
    {
        [BenchTarget.Yarp] = Result(yarp),
        [BenchTarget.GatewayKeepAlive] = Result(gateway),
    };

    private static WrkResult Result(double requestsPerSecond) =>
        new((long)(requestsPerSecond * 5), 5_000_000, 0, 0, 0, 1_000, 2_000);
}
