using System.Text.RegularExpressions;
using Smp.AgentSim.Load;
using Smp.AgentSim.Report;

namespace Smp.AgentSim.Tests.Report;

public sealed partial class HtmlReportTests
{
    [Fact]
    public void Write_HostileCode_EveryLabelEncoded()
    {
        string html = Render(SyntheticRun.Summary());

        Assert.DoesNotContain(SyntheticRun.HostileCode, html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;", html);
        Assert.Single(ScriptTag().Matches(html));
    }

    [Fact]
    public void Write_AnySummary_NothingFromTheNetwork()
    {
        string html = Render(SyntheticRun.Summary());

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void Write_SyntheticRun_ThreeChartsWithTitlesAxesAndLegends()
    {
        string html = Render(SyntheticRun.Summary());

        Assert.Equal(["latency", "throughput", "outcomes"], ChartId().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(3, Regex.Count(html, "<desc id="));
        Assert.Equal(3, Regex.Count(html, "time since start \\(s\\)"));
        Assert.Contains(">latency (ms)</text>", html);
        Assert.Contains("<ul class=\"legend\">", html);
        // The stall breaks each latency line in two; throughput drops to the floor instead.
        Assert.Equal((3 * 2) + 1, Regex.Count(html, "<polyline class=\"mark\""));
        Assert.Contains("3 interval(s) without a request", html);
        Assert.Contains("<summary>The charts as a table (30 intervals of 1 s)</summary>", html);
    }

    [Fact]
    public void Write_NoRequests_ChartsSaySo()
    {
        var empty = new LoadSummary(1, 1, TimeSpan.FromSeconds(1), 0, 0, new LatencySummary(0, 0, 0, 0), [], []);

        string html = Render(empty);

        Assert.Equal(3, Regex.Count(html, "no requests recorded"));
        Assert.DoesNotContain("class=\"mark\"", html);
    }

    internal static string Render(LoadSummary summary)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(writer, summary, "agent-sim test");
        return writer.ToString();
    }

    [GeneratedRegex("<script")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("https?://|<[^>]*\\s(src|href|xlink:href)=|url\\(|@import", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<svg [^>]*data-chart=\"(\\w+)\"")]
    private static partial Regex ChartId();
}
