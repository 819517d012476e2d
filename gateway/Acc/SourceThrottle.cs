using System.Collections.Concurrent;

namespace Smp.Gateway.Acc;

/// <summary>
/// Failed binds per client address in a fixed window (<c>Gateway:Acc:Shield:PerSourceLimit</c> per
/// <c>PerSourceWindow</c>): past the limit, that address's unknown credentials are refused without a bind,
/// so one source cannot spray passwords over many accounts.
/// </summary>
internal sealed class SourceThrottle
{
    private const int MaxSources = 100_000;
    private readonly ConcurrentDictionary<string, Window> _sources = new();

    /// <summary>Whether <paramref name="source"/> may cause another bind now; if not, when it may.</summary>
    public bool MayBind(string source, int limit, DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!_sources.TryGetValue(source, out var w) || w.Ends <= now || w.Failures < limit)
        {
            return true;
        }

        retryAfter = w.Ends - now;
        return false;
    }

    public void Failed(string source, TimeSpan window, DateTimeOffset now)
    {
        if (_sources.Count > MaxSources)
        {
            foreach (var (key, w) in _sources)
            {
                if (w.Ends <= now)
                {
                    _sources.TryRemove(key, out _);
                }
            }
        }

        _sources.AddOrUpdate(source, _ => new Window(now + window, 1), (_, w) => w.Ends <= now ? new Window(now + window, 1) : w with { Failures = w.Failures + 1 });
    }

    private sealed record Window(DateTimeOffset Ends, int Failures);
}
