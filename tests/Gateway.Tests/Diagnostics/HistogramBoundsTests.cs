using System.Globalization;
using System.Text.RegularExpressions;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Diagnostics;

/// <summary>
/// The <c>smp_gateway_*_seconds</c> histograms as Prometheus scrapes them: bucket bounds in seconds, so a proof
/// checked in a millisecond lands in a bucket of its own and a quantile reads milliseconds, not "under 5 s".
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class HistogramBoundsTests
{
    [Theory]
    [InlineData("smp_gateway_proof_validation_duration_seconds")]
    [InlineData("smp_gateway_token_issue_duration_seconds")]
    public async Task Scrape_DurationHistogram_BoundsInSeconds_ObservationsBelowOneSecondBucket(string histogram)
    {
        int port = FreePort.Next();
        string url = $"http://127.0.0.1:{port}/metrics";
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Telemetry:PrometheusUrl"] = url });
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        (await agent.AuthenticateAsync(client)).Dispose();

        using var scraper = new HttpClient();
        string text = await scraper.GetStringAsync(url);

        var buckets = Bucket().Matches(text).Where(m => m.Groups["name"].Value == histogram)
            .Select(m => (Le: m.Groups["le"].Value, Count: long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(buckets);
        var bounds = buckets.Select(b => b.Le).Distinct().ToList();
        Assert.Contains("0.001", bounds);
        Assert.Contains("10", bounds);
        Assert.DoesNotContain("10000", bounds);
        // One observation of a few milliseconds: counted at 0.25 s already (with the old bounds, 0 then 5).
        Assert.Contains(buckets, b => b.Le == "0.25" && b.Count >= 1);
    }

    [GeneratedRegex(@"^(?<name>\w+)_bucket\{[^}]*le=""(?<le>[^""]+)""[^}]*\} (?<count>\d+)", RegexOptions.Multiline)]
    private static partial Regex Bucket();
}
