using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Smp.AgentSim.Demo;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway as an operator runs it: <c>dotnet gateway.dll --config FILE</c>, a process of its own
/// (the build output beside the tests; <c>SMPGW_TEST_GATEWAY_DLL</c> names another build, to measure an
/// older one). It can be frozen (SIGSTOP: connections accepted, nothing answers), thawed and killed.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private const int SigStop = 19, SigCont = 18;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private TempFolder? _folder;

    private GatewayProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The process's last lines of standard output and error, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(40));

    /// <summary>Starts the gateway with <paramref name="configFile"/> and waits until <c>/healthz</c> answers at <paramref name="url"/>.</summary>
    public static async Task<GatewayProcess> StartAsync(string configFile, string url)
    {
        string dll = Environment.GetEnvironmentVariable("SMPGW_TEST_GATEWAY_DLL") is { Length: > 0 } other ? other : Path.Combine(AppContext.BaseDirectory, "gateway.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { dll, "--config", configFile },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var gateway = new GatewayProcess(Process.Start(start)!, url);
        gateway._process.OutputDataReceived += (_, e) => gateway.Keep(e.Data);
        gateway._process.ErrorDataReceived += (_, e) => gateway.Keep(e.Data);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
        bool answers = await Eventually.UntilAsync(() => AnswersAsync(client), up => up || gateway._process.HasExited, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50));
        if (!answers)
        {
            await gateway.DisposeAsync();
            throw new InvalidOperationException($"the gateway at {url} did not start:{Environment.NewLine}{gateway.Output}");
        }

        return gateway;
    }

    /// <summary>
    /// Starts a node in a temporary folder of its own (its data folder), on a free port, in front of
    /// <paramref name="legacyUrl"/>, with the test's <paramref name="settings"/> over loopback defaults written as
    /// its <c>--config</c> file: for tests whose subject is several nodes sharing only what the settings name.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(string legacyUrl, IDictionary<string, string?> settings)
    {
        var folder = new TempFolder();
        string url = $"http://127.0.0.1:{FreePort.Next()}";
        var all = LoopbackGatewaySettings.For(url, legacyUrl, folder.Path, GatewayHost.Secret).With(settings);

        try
        {
            var gateway = await StartAsync(AdminCli.WriteConfig(Path.Combine(folder.Path, "gateway.json"), all), url);
            gateway._folder = folder;
            return gateway;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Freezes the process (SIGSTOP): its port still accepts connections, nothing answers.</summary>
    public void Pause() => Signal(SigStop);

    public void Resume() => Signal(SigCont);

    /// <summary>Kills the process (SIGKILL: no shutdown, connections reset) and waits for its end.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            kill(_process.Id, SigCont);
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder?.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
