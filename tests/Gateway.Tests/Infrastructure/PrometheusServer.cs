using System.Diagnostics;
using System.Text.Json;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>, which <c>.ci/run</c> installs) on 127.0.0.1 and a free port,
/// with its configuration and storage in a temporary folder, scraping and evaluating every second; killed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _folder;
    private readonly HttpClient _client = new();

    private PrometheusServer(Process process, TempFolder folder, string url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public string Url { get; }

    public static string Tool(string name) =>
        new[] { "/usr/bin/" + name, "/usr/local/bin/" + name }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: `apt-get install prometheus` (.ci/run does it).");

    /// <summary>Scrapes <paramref name="target"/> (host:port) at <paramref name="path"/> as job <c>smp-gateway</c>, with <paramref name="rules"/>.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, string path, string rules)
    {
        var folder = new TempFolder();
        string config = Path.Combine(folder.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {rules}
            scrape_configs:
              - job_name: smp-gateway
                metrics_path: {path}
                static_configs:
                  - targets: ["{target}"]
            """);
        string url = $"http://127.0.0.1:{FreePort.Next()}";
        var start = new ProcessStartInfo(Tool("prometheus"))
        {
            ArgumentList =
            {
                "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(folder.Path, "data"),
                "--web.listen-address=" + url["http://".Length..],
            },
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, folder, url);
    }

    /// <summary>The samples of an instant query, as (labels, value), polled until <paramref name="done"/> holds or 30 s passed.</summary>
    public Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryUntilAsync(
        string query, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> done)
        => Eventually.UntilAsync(() => QueryAsync(query), samples => done(samples) || _process.HasExited, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));

    /// <summary>The rules Prometheus loaded: (name, health) of each.</summary>
    public async Task<IReadOnlyList<(string Name, string Health)>> RulesAsync()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync(Url + "/api/v1/rules"));
        return document.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("health").GetString()!)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _client.Dispose();
        _folder.Dispose();
    }

    private async Task<IReadOnlyList<(IReadOnlyDictionary<string, string>, double)>> QueryAsync(string query)
    {
        try
        {
            using var document = JsonDocument.Parse(await _client.GetStringAsync(Url + "/api/v1/query?query=" + Uri.EscapeDataString(query)));
            return document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
                .Select(r => ((IReadOnlyDictionary<string, string>)r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                    double.Parse(r.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return [];
        }
    }
}
