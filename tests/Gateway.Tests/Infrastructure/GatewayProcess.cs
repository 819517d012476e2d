using System.Diagnostics;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway in a process of its own (<c>dotnet gateway.dll</c> from the test's output folder), configured by
/// command-line settings, on 127.0.0.1 and a free port, from a temporary folder; for tests whose subject is
/// several nodes (processes share nothing but what the configuration names). Its output is kept for failures.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _folder;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process, TempFolder folder, string url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public string Url { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a gateway in front of <paramref name="legacyUrl"/> with <paramref name="settings"/>, and waits until it answers <c>/healthz</c>.</summary>
    public static async Task<GatewayProcess> StartAsync(string legacyUrl, IDictionary<string, string?> settings)
    {
        var folder = new TempFolder();
        string url = $"http://127.0.0.1:{FreePort.Next()}";
        var all = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = url,
            ["Gateway:Audience"] = url,
            ["Gateway:DataDirectory"] = folder.Path,
            ["Gateway:Enrollment:Secret"] = GatewayHost.Secret,
            ["ReverseProxy:Clusters:legacy:Destinations:primary:Address"] = legacyUrl + "/",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gateway:RateLimits:TokensPerSourcePerMinute"] = "1000000",
            ["Gateway:RateLimits:TokensPerAgentPerMinute"] = "1000000",
            ["Gateway:RateLimits:EnrollmentsPerSourcePerMinute"] = "1000000",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Path, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gateway.dll"));
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        var gateway = new GatewayProcess(process, folder, url);
        process.OutputDataReceived += (_, e) => gateway.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitReadyAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the gateway process exited ({_process.ExitCode}):\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the gateway process at {Url} did not answer /healthz within 60 s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }
}
