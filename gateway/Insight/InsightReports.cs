namespace Smp.Gateway.Insight;

/// <summary>The three reports of <c>gateway report</c>, computed from what <see cref="InsightReader"/> read.</summary>
internal static class InsightReports
{
    /// <summary>Every ACC source, newest first.</summary>
    public static IReadOnlyList<AccSource> AccSources(InsightData data) => Group(data.AccSources);

    /// <summary>The enrolled agents, with their activity, last seen first (never seen last); with <paramref name="stale"/>, only those not seen for that long.</summary>
    public static IReadOnlyList<AgentInsight> Agents(InsightData data, TimeSpan? stale)
    {
        var activity = data.Activity.ToDictionary(a => a.AgentId, StringComparer.Ordinal);
        long cutoff = stale is { } s ? data.Now - (long)s.TotalSeconds : long.MaxValue;
        return data.Agents
            .Select(a => new AgentInsight(a.AgentId, a.Status.ToString(), a.EnrolledAt, activity.GetValueOrDefault(a.AgentId)))
            .Where(a => stale is null || (a.Activity?.LastSeen ?? 0) < cutoff)
            .OrderByDescending(a => a.Activity?.LastSeen ?? -1)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Sources that used ACC in the last <paramref name="days"/> days on a route that also takes tokens (or only tokens).</summary>
    public static Readiness Readiness(InsightData data, int days)
    {
        long since = data.Now - (days * InsightData.SecondsPerDay);
        var recent = data.AccSources.Where(s => s.LastSeen >= since).ToList();
        var remaining = Group(recent.Where(s => !s.AccOnly));
        int unc = Group(recent.Where(s => s.AccOnly)).Count;
        return new Readiness(days, remaining, unc);
    }

    /// <summary>Authentications per day and method, oldest day first, every method present on every day (zero where none).</summary>
    public static IReadOnlyList<(long Day, IReadOnlyDictionary<string, long> ByMethod)> MethodsByDay(InsightData data) =>
        data.Methods.GroupBy(m => m.Day).OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyDictionary<string, long>)AuthMethods.All.ToDictionary(m => m, m => g.Where(x => x.Method == m).Sum(x => x.Count))))
            .ToList();

    private static List<AccSource> Group(IEnumerable<AccSourceDay> rows) =>
        rows.GroupBy(s => (s.Account, s.Address, s.UserAgent))
            .Select(g => new AccSource(g.Key.Account, g.Key.Address, g.Key.UserAgent,
                g.Select(s => s.Route).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                g.All(s => s.AccOnly), g.Sum(s => s.Count), g.Min(s => s.Day) * InsightData.SecondsPerDay, g.Max(s => s.LastSeen)))
            .OrderByDescending(s => s.LastSeen)
            .ThenBy(s => s.Account, StringComparer.Ordinal)
            .ThenBy(s => s.Address, StringComparer.Ordinal)
            .ToList();
}
