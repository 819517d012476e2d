using System.Globalization;
using Smp.Gateway.Insight;

namespace Smp.Gateway.Administration;

/// <summary>
/// <c>gateway report acc | agents [--stale 30d] | readiness [--days 30]</c>, over the activity the gateway recorded: text,
/// <c>--json</c>, and <c>--html FILE</c> (one self-contained page with the charts). <c>readiness</c> exits 0 when ACC can be
/// switched off and 1 when sources still use it (named), for scripts.
/// </summary>
internal static class ReportCommand
{
    public const int DefaultDays = 30;

    public static async Task<int> RunAsync(AdminArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        string verb = args.Required(1, "A report (acc, agents, readiness)");
        if (verb is not ("acc" or "agents" or "readiness"))
        {
            throw new AdminUsageException($"'{verb}' is not a report.");
        }

        _ = Stale(args);
        _ = Days(args);
        await using var session = await AdminSession.OpenAsync(args, cancellationToken);
        var data = await session.Get<InsightReader>().ReadAsync(cancellationToken);
        return Render(args, data, output);
    }

    /// <summary>Writes the report <paramref name="args"/> asks for from <paramref name="data"/>; the exit code.</summary>
    internal static int Render(AdminArguments args, InsightData data, TextWriter output)
    {
        string verb = args.Required(1, "A report (acc, agents, readiness)");
        var readiness = InsightReports.Readiness(data, Days(args));
        if (args.Option("--html") is { } file)
        {
            File.WriteAllText(file, InsightHtml.Render(data, readiness, $"Gateway activity: report {verb}"));
        }

        switch (verb)
        {
            case "acc":
                var sources = InsightReports.AccSources(data);
                if (args.Json)
                {
                    AdminJson.Write(output, sources.Select(s => new { s.Account, s.Address, s.UserAgent, s.Routes, UncOnly = s.AccOnly, s.Count, FirstSeen = AdminJson.Iso(s.FirstDay), LastSeen = AdminJson.Iso(s.LastSeen) }));
                    return 0;
                }

                var accTable = new TextTable("ACCOUNT", "ADDRESS", "USER-AGENT", "ROUTES", "UNC ONLY", "COUNT", "LAST SEEN");
                sources.ToList().ForEach(s => accTable.Add(s.Account, s.Address, s.UserAgent, string.Join(",", s.Routes), s.AccOnly ? "yes" : "no",
                    s.Count.ToString(CultureInfo.InvariantCulture), AdminJson.Time(s.LastSeen)));
                accTable.WriteTo(output);
                output.WriteLine($"{sources.Count} ACC source(s).");
                return 0;

            case "agents":
                var agents = InsightReports.Agents(data, Stale(args));
                if (args.Json)
                {
                    AdminJson.Write(output, agents.Select(a => new
                    {
                        a.AgentId, a.Status, EnrolledAt = AdminJson.Iso(a.EnrolledAt), Method = a.Activity?.Method, FirstSeen = AdminJson.Iso(a.Activity?.FirstSeen),
                        LastSeen = AdminJson.Iso(a.Activity?.LastSeen), a.Activity?.Address, a.Activity?.UserAgent,
                    }));
                    return 0;
                }

                var table = new TextTable("AGENT", "STATUS", "METHOD", "LAST SEEN", "ADDRESS", "USER-AGENT");
                agents.ToList().ForEach(a => table.Add(a.AgentId, a.Status, a.Activity?.Method ?? "-", AdminJson.Time(a.Activity?.LastSeen), a.Activity?.Address ?? "-", a.Activity?.UserAgent ?? "-"));
                table.WriteTo(output);
                output.WriteLine(args.Option("--stale") is { } stale ? $"{agents.Count} agent(s) not seen for {stale}." : $"{agents.Count} agent(s).");
                return 0;

            default:
                return Readiness(args, readiness, output);
        }
    }

    private static int Readiness(AdminArguments args, Readiness readiness, TextWriter output)
    {
        if (args.Json)
        {
            AdminJson.Write(output, new
            {
                readiness.Ready, readiness.Days, UncSources = readiness.UncSources,
                Remaining = readiness.Remaining.Select(s => new { s.Account, s.Address, s.UserAgent, s.Routes, s.Count, LastSeen = AdminJson.Iso(s.LastSeen) }),
            });
            return readiness.Ready ? 0 : 1;
        }

        if (readiness.Ready)
        {
            output.WriteLine($"Ready: no ACC use in the last {readiness.Days} days outside UNC-codebase routes ({readiness.UncSources} source(s) there, which keep needing it). "
                + "ACC can be switched off on the other routes (SmpAuth Token).");
            return 0;
        }

        output.WriteLine($"Not ready: {readiness.Remaining.Count} source(s) used ACC in the last {readiness.Days} days (UNC-codebase routes not counted):");
        foreach (var s in readiness.Remaining)
        {
            output.WriteLine($"  {s.Account} from {s.Address} \"{s.UserAgent}\" on {string.Join(",", s.Routes)}: {s.Count} time(s), last {AdminJson.Time(s.LastSeen)}");
        }

        return 1;
    }

    private static int Days(AdminArguments args) =>
        args.Option("--days") is not { } days ? DefaultDays
        : int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 400 ? n
        : throw new AdminUsageException($"--days: '{days}' is not a number of days from 1 to 400.");

    /// <summary><c>30d</c>, <c>12h</c>, <c>90m</c>, or a time span (<c>d.hh:mm:ss</c>).</summary>
    private static TimeSpan? Stale(AdminArguments args)
    {
        if (args.Option("--stale") is not { } text)
        {
            return null;
        }

        char unit = text.Length > 1 ? text[^1] : ' ';
        if (unit is 'd' or 'h' or 'm' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            return unit == 'd' ? TimeSpan.FromDays(n) : unit == 'h' ? TimeSpan.FromHours(n) : TimeSpan.FromMinutes(n);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new AdminUsageException($"--stale: '{text}' is not a duration such as 30d, 12h or 90m.");
    }
}
