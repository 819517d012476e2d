using Smp.AgentSim.Soak;

namespace Smp.AgentSim.Tests.Soak;

public sealed class SoakVerdictTests
{
    private const long Mb = 1024 * 1024;

    [Theory]
    // Heap MB and working set MB per sample; the first third (warm-up) is left out.
    [InlineData(new[] { 10, 100, 100, 104, 100, 98, 105 }, new[] { 50, 300, 300, 305, 310, 300, 300 }, true)]
    [InlineData(new[] { 10, 100, 100, 100, 150, 150, 150 }, new[] { 50, 300, 300, 300, 300, 300, 300 }, false)]
    [InlineData(new[] { 10, 100, 100, 100, 100, 100, 100 }, new[] { 50, 300, 300, 300, 400, 400, 400 }, false)]
    [InlineData(new[] { 100, 100, 100, 100, 85, 85, 85 }, new[] { 300, 300, 300, 300, 300, 300, 300 }, false)]
    [InlineData(new[] { 500, 100, 109 }, new[] { 50, 300, 320 }, true)]
    public void Of_Samples_FlatWhenLastThirdMedianWithinTenPercentOfSecond(int[] heapMb, int[] workingSetMb, bool flat)
    {
        var samples = heapMb.Select((h, i) => Sample(i, h * Mb, workingSetMb[i] * Mb)).ToArray();

        SoakVerdict verdict = SoakVerdict.Of(samples);

        Assert.Equal(flat, verdict.Flat);
        Assert.Equal(samples.Length, verdict.Samples);
    }

    [Fact]
    public void Of_SevenSamples_SecondThirdIsSamplesThreeAndFourLastThirdFiveToSeven()
    {
        long[] heap = [1, 30, 10, 20, 60, 40, 50];
        var samples = heap.Select((h, i) => Sample(i, h, 100)).ToArray();

        SoakVerdict verdict = SoakVerdict.Of(samples);

        Assert.Equal(15, verdict.SecondThirdHeap);
        Assert.Equal(50, verdict.LastThirdHeap);
        Assert.Equal(50.0 / 15 - 1, verdict.HeapChange, 6);
    }

    [Fact]
    public void Of_TwoSamples_NotFlat()
    {
        SoakVerdict verdict = SoakVerdict.Of([Sample(0, Mb, Mb), Sample(1, Mb, Mb)]);

        Assert.False(verdict.Flat);
    }

    [Fact]
    public void Median_EvenCount_MeanOfTheMiddleTwo()
    {
        var samples = new[] { 4L, 1, 3, 2 }.Select((h, i) => Sample(i, h, 0)).ToArray();

        Assert.Equal(2.5, SoakVerdict.Median(samples, s => s.HeapSize));
    }

    private static ResourceSample Sample(int second, long heap, long workingSet) =>
        new(TimeSpan.FromSeconds(second), heap, heap, workingSet, 20, 8, 100, second * 10);
}
