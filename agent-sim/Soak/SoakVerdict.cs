namespace Smp.AgentSim.Soak;

/// <summary>
/// Whether memory stayed flat: the median of the last third of the samples is within
/// <see cref="Tolerance"/> of the median of the second third, for the managed heap and for the
/// working set. The first third is left out: it holds the warm-up (JIT, pools, caches filling).
/// </summary>
internal sealed record SoakVerdict(
    int Samples, double SecondThirdHeap, double LastThirdHeap, double SecondThirdWorkingSet, double LastThirdWorkingSet,
    double SecondThirdThreads, double LastThirdThreads)
{
    public const double Tolerance = 0.10;

    public const int MinimumSamples = 3;

    public double HeapChange => Change(SecondThirdHeap, LastThirdHeap);

    public double WorkingSetChange => Change(SecondThirdWorkingSet, LastThirdWorkingSet);

    public bool Flat => Samples >= MinimumSamples && Math.Abs(HeapChange) <= Tolerance && Math.Abs(WorkingSetChange) <= Tolerance;

    public static SoakVerdict Of(IReadOnlyList<ResourceSample> samples)
    {
        int n = samples.Count;
        var second = samples.Skip(n / 3).Take(2 * n / 3 - n / 3).ToArray();
        var last = samples.Skip(2 * n / 3).ToArray();
        return new SoakVerdict(
            n,
            Median(second, s => s.HeapSize), Median(last, s => s.HeapSize),
            Median(second, s => s.WorkingSet), Median(last, s => s.WorkingSet),
            Median(second, s => s.Threads), Median(last, s => s.Threads));
    }

    public static double Median(IReadOnlyCollection<ResourceSample> samples, Func<ResourceSample, double> value)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = samples.Select(value).Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double Change(double from, double to) => from > 0 ? (to - from) / from : double.NaN;
}
