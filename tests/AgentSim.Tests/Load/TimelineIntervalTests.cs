using Smp.AgentSim.Load;

namespace Smp.AgentSim.Tests.Load;

public sealed class TimelineIntervalTests
{
    [Theory]
    [InlineData(10, 0.1)]
    [InlineData(30, 0.1)]
    [InlineData(60, 0.2)]
    [InlineData(300, 1)]
    [InlineData(3600, 15)]
    [InlineData(86_400, 300)]
    [InlineData(10_000_000, 3600)]
    public void For_Duration_SmallestStepWithinTarget(int seconds, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), TimelineInterval.For(TimeSpan.FromSeconds(seconds)));
    }
}
