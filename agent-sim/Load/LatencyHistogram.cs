using System.Numerics;

namespace Smp.AgentSim.Load;

/// <summary>
/// Latencies in microseconds, exact below 2 ms and within 0.1% above, in fixed memory however long
/// the run. Not thread-safe: its owner serialises access.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 10;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = 2 * SubBuckets;
    private const int LinearExponent = SubBucketBits + 1;
    private const long MaxMicroseconds = 1L << 36;

    private readonly long[] _counts = new long[LinearLimit + ((64 - LinearExponent) * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicros { get; private set; }

    public void Record(TimeSpan latency)
    {
        long micros = Math.Clamp((long)latency.TotalMicroseconds, 0, MaxMicroseconds);
        _counts[IndexOf(micros)]++;
        Count++;
        MaxMicros = Math.Max(MaxMicros, micros);
    }

    /// <summary>The latency at or below which a fraction <paramref name="quantile"/> of the requests fell.</summary>
    public TimeSpan Percentile(double quantile)
    {
        if (Count == 0)
        {
            return TimeSpan.Zero;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(Math.Min(HighestOf(i), MaxMicros));
            }
        }

        return TimeSpan.FromMicroseconds(MaxMicros);
    }

    /// <summary>Forgets every latency, so that one histogram serves interval after interval.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        MaxMicros = 0;
    }

    private static int IndexOf(long micros)
    {
        if (micros < LinearLimit)
        {
            return (int)micros;
        }

        int exponent = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        int shift = exponent - SubBucketBits;
        int sub = (int)(micros >> shift) - SubBuckets;
        return LinearLimit + ((exponent - LinearExponent) * SubBuckets) + sub;
    }

    private static long HighestOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        int k = index - LinearLimit;
        int exponent = (k / SubBuckets) + LinearExponent;
        int shift = exponent - SubBucketBits;
        long lowest = (long)((k % SubBuckets) + SubBuckets) << shift;
        return lowest + (1L << shift) - 1;
    }
}
