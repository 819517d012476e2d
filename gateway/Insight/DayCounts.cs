namespace Smp.Gateway.Insight;

/// <summary>One UTC day's authentications, a counter per method (<see cref="AuthMethods"/>), incremented without a lock.</summary>
internal sealed class DayCounts(long day)
{
    private readonly long[] _counts = new long[AuthMethods.All.Length];

    public long Day { get; } = day;

    public void Add(int method, long count = 1) => Interlocked.Add(ref _counts[method], count);

    /// <summary>The counts since the last take, each reset to zero.</summary>
    public IEnumerable<MethodDay> Take()
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            long n = Interlocked.Exchange(ref _counts[i], 0);
            if (n > 0)
            {
                yield return new MethodDay(Day, AuthMethods.All[i], n);
            }
        }
    }
}
