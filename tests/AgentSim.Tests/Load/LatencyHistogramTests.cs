using Smp.AgentSim.Load;

namespace Smp.AgentSim.Tests.Load;

public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0.50, 500)]
    [InlineData(0.95, 950)]
    [InlineData(0.99, 990)]
    public void Percentile_OneToThousandMicroseconds_IsExact(double quantile, double expectedMicros)
    {
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(i));
        }

        Assert.Equal(expectedMicros, histogram.Percentile(quantile).TotalMicroseconds);
    }

    [Fact]
    public void Percentile_LongLatencies_WithinOnePerMille()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(1234.567));

        double micros = histogram.Percentile(0.5).TotalMicroseconds;

        Assert.InRange(micros, 1234567 * 0.999, 1234567 * 1.001);
        Assert.Equal(1, histogram.Count);
    }
}
