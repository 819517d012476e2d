using System.Globalization;
using System.Net;
using System.Text;

namespace Smp.Gateway.Insight;

/// <summary>
/// <c>gateway report ... --html FILE</c>: one self-contained page (no script, no link, readable offline) with the readiness
/// verdict, charts of authentications by method per day and of ACC per day (SVG), the ACC sources and the agents.
/// Text a client sent (User-Agents, accounts) is HTML-encoded.
/// </summary>
internal static class InsightHtml
{
    /// <summary>Each method's colour, in the order of <see cref="AuthMethods.All"/>.</summary>
    public static readonly string[] Colours = ["#1f77b4", "#d62728", "#9467bd", "#2ca02c", "#ff7f0e"];

    private const int Width = 900, Height = 260, Left = 60, Bottom = 30, Top = 10;

    public static string Render(InsightData data, Readiness readiness, string title)
    {
        var days = InsightReports.MethodsByDay(data);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}.ready{color:#2ca02c}.notready{color:#d62728}")
            .Append(".legend span{display:inline-block;margin-right:16px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(Encode(title)).Append("</h1><p>As of ").Append(Time(data.Now)).Append(" UTC.</p>");
        html.Append("<h2 id=\"readiness\" class=\"").Append(readiness.Ready ? "ready" : "notready").Append("\">")
            .Append(readiness.Ready
                ? $"ACC can be switched off: no ACC use in the last {readiness.Days} days outside UNC-codebase routes."
                : $"ACC is still in use: {readiness.Remaining.Count} source(s) in the last {readiness.Days} days.")
            .Append("</h2>");

        html.Append("<h2>Authentications by method per day</h2>").Append(Legend());
        html.Append(Chart("chart-methods", days, AuthMethods.All));
        html.Append("<h2>ACC authentications per day</h2>");
        html.Append(Chart("chart-acc", days, [AuthMethods.Acc]));

        html.Append("<h2>ACC sources</h2>");
        Table(html, ["Account", "Address", "User-Agent", "Routes", "UNC only", "Count", "Last seen"],
            InsightReports.AccSources(data).Select(s => new[] { s.Account, s.Address, s.UserAgent, string.Join(", ", s.Routes), s.AccOnly ? "yes" : "no", Count(s.Count), Time(s.LastSeen) }));
        html.Append("<h2>Agents</h2>");
        Table(html, ["Agent", "Status", "Last method", "Last seen", "Address", "User-Agent"],
            InsightReports.Agents(data, null).Select(a => new[]
            {
                a.AgentId, a.Status, a.Activity?.Method ?? "", a.Activity is { } x ? Time(x.LastSeen) : "never", a.Activity?.Address ?? "", a.Activity?.UserAgent ?? "",
            }));
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>Stacked bars, one per day, one segment per method in <paramref name="methods"/>; each segment a rect with its method in <c>data-method</c>.</summary>
    private static string Chart(string id, IReadOnlyList<(long Day, IReadOnlyDictionary<string, long> ByMethod)> days, IReadOnlyList<string> methods)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">");
        long max = Math.Max(1, days.Select(d => methods.Sum(m => d.ByMethod[m])).DefaultIfEmpty(0).Max());
        double plot = Height - Bottom - Top, slot = (Width - Left) / (double)Math.Max(1, days.Count);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{max}</text>");
        for (int i = 0; i < days.Count; i++)
        {
            double x = Left + (i * slot) + (slot * 0.15), w = Math.Max(2, slot * 0.7), y = Height - Bottom;
            foreach (string m in methods)
            {
                long n = days[i].ByMethod[m];
                double h = n * plot / max;
                if (n > 0)
                {
                    y -= h;
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"bar\" data-method=\"{m}\" data-day=\"{Day(days[i].Day)}\" x=\"{x:0.0}\" y=\"{y:0.0}\" width=\"{w:0.0}\" height=\"{h:0.0}\" fill=\"{Colours[AuthMethods.IndexOf(m)]}\"><title>{Day(days[i].Day)} {m}: {n}</title></rect>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (w / 2):0.0}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"11\">{Day(days[i].Day)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Legend() =>
        "<p class=\"legend\">" + string.Concat(AuthMethods.All.Select((m, i) => $"<span><i style=\"background:{Colours[i]}\"></i>{m}</span>")) + "</p>";

    private static void Table(StringBuilder html, string[] head, IEnumerable<string[]> rows)
    {
        html.Append("<table><tr>").AppendJoin("", head.Select(h => $"<th>{h}</th>")).Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{Encode(c)}</td>")).Append("</tr>");
        }

        html.Append("</table>");
    }

    private static string Encode(string s) => WebUtility.HtmlEncode(s);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Day(long day) => DateTimeOffset.FromUnixTimeSeconds(day * InsightData.SecondsPerDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(long at) => DateTimeOffset.FromUnixTimeSeconds(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
