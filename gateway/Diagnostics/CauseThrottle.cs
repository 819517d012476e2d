using System.Collections.Concurrent;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// One log line per cause per <see cref="Interval"/>: an outage repeats the same failure on every request
/// (a thousand a second), and the log should say it once, then how many more there were.
/// </summary>
internal sealed class CauseThrottle(TimeProvider time)
{
    /// <summary>The least time between two lines of one cause.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    // Causes are few (a cluster, a destination, an error); the bound only guards against a flood of distinct texts.
    private const int MaxCauses = 1024;

    private readonly ConcurrentDictionary<string, Cause> _causes = new(StringComparer.Ordinal);

    /// <summary>True when a line is due for <paramref name="key"/>, with the occurrences held back since the last one.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        if (_causes.Count >= MaxCauses && !_causes.ContainsKey(key))
        {
            _causes.Clear();
        }

        var cause = _causes.GetOrAdd(key, _ => new Cause());
        long now = time.GetTimestamp();
        lock (cause)
        {
            if (cause.Logged && time.GetElapsedTime(cause.LastLine, now) < Interval)
            {
                cause.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = cause.Suppressed;
            cause.Suppressed = 0;
            cause.LastLine = now;
            cause.Logged = true;
            return true;
        }
    }

    private sealed class Cause
    {
        public bool Logged;
        public long LastLine;
        public long Suppressed;
    }
}
