using System.Collections.Concurrent;
using System.Net;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Insight;

/// <summary>
/// Notes each authenticated request in memory: per agent its first and last seen, method, address and User-Agent;
/// per ACC source its count by day; per method its count by day. Nothing here touches a store: <see cref="ActivityFlush"/>
/// writes what changed at most once per <see cref="ActivityFlush.Period"/>, so an agent costs one write a minute however often it calls.
/// </summary>
internal sealed class ActivityRecorder(TimeProvider time, GatewayMetrics metrics, ILoggerFactory loggers)
{
    /// <summary>Agents not seen for this long, once flushed, are dropped from memory (the store keeps them).</summary>
    public static readonly TimeSpan KeepInMemory = TimeSpan.FromHours(1);

    private const long SecondsPerDay = 86_400;

    private readonly ILogger _accUse = loggers.CreateLogger(LogCategories.AccUse);
    private readonly ConcurrentDictionary<string, AgentEntry> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AccSourceKey, AccSourceEntry> _acc = new();
    private readonly ConcurrentQueue<DayCounts> _pastDays = new();
    private DayCounts _today = new(time.GetUtcNow().ToUnixTimeSeconds() / SecondsPerDay);

    /// <summary>
    /// One authenticated request: <paramref name="method"/> as <c>X-SMP-Auth</c> names it, the agent (tokens) or the ACC account,
    /// the client's address and User-Agent, and the route (<paramref name="accOnly"/>: one that takes ACC alone, a UNC codebase).
    /// </summary>
    public void Record(string method, string? agentId, string? account, IPAddress? address, string? userAgent, string route, bool accOnly)
    {
        int slot = AuthMethods.IndexOf(method);
        if (slot < 0)
        {
            return;
        }

        long now = time.GetUtcNow().ToUnixTimeSeconds();
        Today(now / SecondsPerDay).Add(slot);
        metrics.AuthenticatedBy(method);
        if (agentId is not null)
        {
            var entry = _agents.GetOrAdd(agentId, static (_, at) => new AgentEntry(at), now);
            lock (entry)
            {
                entry.LastSeen = now;
                entry.Method = method;
                entry.Address = address;
                entry.UserAgent = userAgent;
                entry.Dirty = true;
            }
        }

        if (account is not null && slot == AuthMethods.IndexOf(AuthMethods.Acc))
        {
            string from = address?.ToString() ?? "unknown", ua = userAgent ?? "";
            GatewayLog.AccUsed(_accUse, LogText.Escape(account), from, LogText.Escape(ua), route);
            var source = _acc.GetOrAdd(new AccSourceKey(account, from, ua, route, accOnly), static _ => new AccSourceEntry());
            lock (source)
            {
                source.PendingByDay[now / SecondsPerDay] = source.PendingByDay.GetValueOrDefault(now / SecondsPerDay) + 1;
                source.LastSeen = now;
            }
        }
    }

    /// <summary>ACC sources this node saw within the last day.</summary>
    public int AccSourcesActive()
    {
        long since = time.GetUtcNow().ToUnixTimeSeconds() - SecondsPerDay;
        return _acc.Values.Count(s => s.LastSeen >= since);
    }

    /// <summary>Everything changed since the last take, marked taken; old clean entries are dropped from memory.</summary>
    public ActivityBatch Take()
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        var agents = new List<AgentActivity>();
        foreach (var (agentId, entry) in _agents)
        {
            lock (entry)
            {
                if (entry.Dirty)
                {
                    agents.Add(new AgentActivity(agentId, entry.FirstSeen, entry.LastSeen, entry.Method, entry.Address?.ToString(), entry.UserAgent));
                    entry.Dirty = false;
                }
                else if (now - entry.LastSeen > (long)KeepInMemory.TotalSeconds)
                {
                    _agents.TryRemove(agentId, out _);
                }
            }
        }

        var sources = new List<AccSourceDay>();
        foreach (var (key, entry) in _acc)
        {
            lock (entry)
            {
                sources.AddRange(entry.PendingByDay.Select(d => new AccSourceDay(key.Account, key.Address, key.UserAgent, key.Route, key.AccOnly, d.Key, d.Value, entry.LastSeen)));
                entry.PendingByDay.Clear();
                if (entry.LastSeen < now - 2 * SecondsPerDay)
                {
                    _acc.TryRemove(key, out _);
                }
            }
        }

        var methods = new List<MethodDay>();
        while (_pastDays.TryDequeue(out var past))
        {
            methods.AddRange(past.Take());
        }

        methods.AddRange(Volatile.Read(ref _today).Take());
        return new ActivityBatch(agents, sources, methods);
    }

    /// <summary>Puts back the counts of a batch the store did not take, and marks its agents changed again, for the next flush.</summary>
    public void Restore(ActivityBatch batch)
    {
        foreach (var a in batch.Agents)
        {
            if (_agents.TryGetValue(a.AgentId, out var entry))
            {
                lock (entry)
                {
                    entry.Dirty = true;
                }
            }
        }

        foreach (var s in batch.AccSources)
        {
            var entry = _acc.GetOrAdd(new AccSourceKey(s.Account, s.Address, s.UserAgent, s.Route, s.AccOnly), static _ => new AccSourceEntry());
            lock (entry)
            {
                entry.PendingByDay[s.Day] = entry.PendingByDay.GetValueOrDefault(s.Day) + s.Count;
                entry.LastSeen = Math.Max(entry.LastSeen, s.LastSeen);
            }
        }

        foreach (var m in batch.Methods)
        {
            var counts = new DayCounts(m.Day);
            counts.Add(AuthMethods.IndexOf(m.Method), m.Count);
            _pastDays.Enqueue(counts);
        }
    }

    /// <summary>The counters of <paramref name="day"/>; a new day's replace the last, which waits in the queue for the flush.</summary>
    private DayCounts Today(long day)
    {
        var today = Volatile.Read(ref _today);
        if (today.Day == day)
        {
            return today;
        }

        var next = new DayCounts(day);
        if (Interlocked.CompareExchange(ref _today, next, today) == today)
        {
            _pastDays.Enqueue(today);
            return next;
        }

        return Volatile.Read(ref _today);
    }
}
