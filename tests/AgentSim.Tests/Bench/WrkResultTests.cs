using Smp.AgentSim.Bench;

namespace Smp.AgentSim.Tests.Bench;

public sealed class WrkResultTests
{
    [Fact]
    public void Parse_MarkerLine_ReadsEveryField()
    {
        const string output = "Running 5s test @ http://127.0.0.1:1/\n"
            + "AGENT-SIM-BENCH requests=50000 duration_us=5000000 status_errors=0 socket_errors=0 exhausted=0 p50_us=900 p99_us=4000\n";

        WrkResult result = WrkResult.Parse(output)!;

        Assert.Equal(new WrkResult(50_000, 5_000_000, 0, 0, 0, 900, 4_000), result);
        Assert.Equal(10_000, result.RequestsPerSecond, 6);
        Assert.True(result.Clean);
        Assert.Equal(string.Empty, result.Problems);
    }

    [Fact]
    public void Parse_NoMarker_IsNull()
    {
        Assert.Null(WrkResult.Parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
    }

    [Theory]
    [InlineData(0, 0, 0, true)]
    [InlineData(5, 0, 0, false)]
    [InlineData(0, 1, 0, false)]
    [InlineData(1, 0, 1, true)]
    [InlineData(2, 0, 1, false)]
    public void Clean_Errors_AllowOnlyTheRequestSentAsProofsRanOut(long statusErrors, long socketErrors, long exhausted, bool clean)
    {
        var result = new WrkResult(1_000, 1_000_000, statusErrors, socketErrors, exhausted, 1, 1);

        Assert.Equal(clean, result.Clean);
    }
}
