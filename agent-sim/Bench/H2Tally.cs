using Smp.AgentSim.Load;

namespace Smp.AgentSim.Bench;

/// <summary>What the streams of one <see cref="H2Driver"/> run saw, counted under one lock: answers, their latencies, failures.</summary>
internal sealed class H2Tally
{
    private readonly LatencyHistogram _latencies = new();
    private readonly Lock _lock = new();
    private long _requests;
    private long _statusErrors;
    private long _socketErrors;

    /// <summary>An answer: <paramref name="status"/> outside 2xx counts as a problem, as a refused proof would.</summary>
    public void Answer(int status, TimeSpan latency)
    {
        lock (_lock)
        {
            _requests++;
            if (status is < 200 or > 299)
            {
                _statusErrors++;
            }

            _latencies.Record(latency);
        }
    }

    /// <summary>A request without an answer: the connection failed or the answer did not come in time.</summary>
    public void Failure()
    {
        lock (_lock)
        {
            _socketErrors++;
        }
    }

    public WrkResult Result(TimeSpan duration, long exhausted)
    {
        lock (_lock)
        {
            return new WrkResult(
                _requests, (long)duration.TotalMicroseconds, _statusErrors, _socketErrors, exhausted,
                (long)_latencies.Percentile(0.50).TotalMicroseconds, (long)_latencies.Percentile(0.99).TotalMicroseconds);
        }
    }
}
