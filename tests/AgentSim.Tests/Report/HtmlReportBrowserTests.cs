using System.Text.RegularExpressions;
using Smp.AgentSim.Load;
using Smp.AgentSim.Report;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Report;

/// <summary>The report opened in headless Chromium: its charts must be laid out and on screen.</summary>
[Collection(KeysCollection.Name)]
public sealed partial class HtmlReportBrowserTests(KeyFixture keys) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agent-sim-report-").FullName;

    [Fact]
    public async Task DumpDom_SyntheticRun_EveryChartDrawn()
    {
        string file = Path.Combine(_folder, "synthetic.html");
        HtmlReport.Write(SyntheticRun.Summary(), file);

        string dom = await HeadlessChromium.DumpDomAsync(file);

        AssertChartsDrawn(dom);
    }

    [Fact]
    public async Task Screenshot_SyntheticRun_ChartColoursOnScreen()
    {
        string file = Path.Combine(_folder, "synthetic.html");
        string png = Path.Combine(_folder, "synthetic.png");
        HtmlReport.Write(SyntheticRun.Summary(), file);

        await HeadlessChromium.ScreenshotAsync(file, png, 1100, 2400);

        Assert.InRange(new FileInfo(png).Length, 30_000, long.MaxValue);
        PngPixels pixels = PngPixels.Read(png);
        Assert.Equal((1100, 2400), (pixels.Width, pixels.Height));
        Assert.InRange(pixels.Count(LatencyChart.Series[0].Colour), 10_000, int.MaxValue);
        Assert.InRange(pixels.Count(LatencyChart.Series[2].Colour), 100, int.MaxValue);
        Assert.InRange(pixels.Count(ThroughputChart.Series.Colour), 500, int.MaxValue);
    }

    [Fact]
    public async Task DumpDom_ReportOfARunAgainstFakeGateway_EveryChartDrawn()
    {
        LoadSummary summary = await FakeGatewayLoad.RunAsync(
            keys, (url, _) => FakeGatewayLoad.Options(url, keys) with { Duration = TimeSpan.FromSeconds(1.5) });

        string file = Path.Combine(_folder, "run.html");
        HtmlReport.Write(summary, file, "agent-sim load");
        string dom = await HeadlessChromium.DumpDomAsync(file);

        Assert.Equal(summary.Requests, summary.Timeline.Points.Sum(p => p.Requests));
        Assert.Equal(TimeSpan.FromMilliseconds(100), summary.Timeline.Interval);
        AssertChartsDrawn(dom);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertChartsDrawn(string dom)
    {
        Dictionary<string, (string Drawn, int Marks)> charts = DrawnChart().Matches(dom)
            .ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["latency", "throughput", "outcomes"], charts.Keys);
        Assert.All(charts, chart => Assert.True(chart.Value is { Drawn: "true", Marks: > 0 }, $"{chart.Key}: {chart.Value}"));
    }

    [GeneratedRegex("<svg [^>]*data-chart=\"(\\w+)\"[^>]*data-drawn=\"(\\w+)\" data-marks=\"(\\d+)\"")]
    private static partial Regex DrawnChart();
}
