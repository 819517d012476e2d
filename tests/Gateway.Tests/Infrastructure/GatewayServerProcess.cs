using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Smp.AgentSim.Demo;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway as an operator runs it: <c>dotnet gateway.dll --config FILE</c>, a process of its own with the
/// environment the test gives it (no <c>OTEL_*</c> variable of the test's own leaks in), from a temporary folder,
/// on a free port; ready once <c>/healthz</c> answers; stopped with SIGTERM, as systemd stops it, then killed.
/// </summary>
internal sealed class GatewayServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _asPidOne;

    private GatewayServerProcess(Process process, string url, bool asPidOne)
    {
        _process = process;
        Url = url;
        _asPidOne = asPidOne;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Url { get; }

    /// <summary>What the process wrote to standard output and error so far.</summary>
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

    /// <summary>
    /// The output once it holds <paramref name="text"/>, or as it stands after 10 s: the console logger writes from a
    /// queue of its own, so a line logged while a request was answered may reach the output after the answer.
    /// </summary>
    public async Task<string> OutputWhenItHoldsAsync(string text)
    {
        for (int attempt = 0; attempt < 100 && !Output.Contains(text, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
        }

        return Output;
    }

    /// <summary>
    /// Starts it in <paramref name="folder"/> (its data folder too) with <paramref name="settings"/> as its
    /// <c>--config</c> file, in front of <paramref name="legacyUrl"/>; waits for <c>/healthz</c> unless told not to.
    /// <paramref name="asPidOne"/>: process 1 of a PID namespace of its own (<c>unshare</c>), as in a container
    /// under systemd, where .NET's systemd integration takes <c>NOTIFY_SOCKET</c> from the environment.
    /// </summary>
    public static async Task<GatewayServerProcess> StartAsync(
        string folder, string legacyUrl, IDictionary<string, string?>? settings = null, IDictionary<string, string>? environment = null,
        bool waitHealthy = true, bool asPidOne = false)
    {
        string url = $"http://127.0.0.1:{FreePort.Next()}";
        var keys = Settings(folder, url, legacyUrl, settings);

        string config = AdminCli.WriteConfig(Path.Combine(folder, "gateway.json"), keys);
        var start = new ProcessStartInfo(asPidOne ? "unshare" : "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "gateway.dll"), "--config", config },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPidOne)
        {
            // --kill-child: the gateway never outlives the test, even when only unshare is killed.
            string[] unshare = ["--pid", "--fork", "--kill-child", "dotnet"];
            for (int i = 0; i < unshare.Length; i++)
            {
                start.ArgumentList.Insert(i, unshare[i]);
            }
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal) || k == "NOTIFY_SOCKET").ToList())
        {
            start.Environment.Remove(name);
        }

        // The machine's inotify instances are few and shared by every test run at once: poll the --config file instead.
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new GatewayServerProcess(Process.Start(start)!, url, asPidOne);
        if (waitHealthy)
        {
            await server.WaitHealthyAsync();
        }

        return server;
    }

    /// <summary>
    /// The settings of its <c>--config</c> file: only the minimal ones (these processes run with the shipped limits and
    /// log level) and <paramref name="settings"/>. A test that rewrites the file to reload it starts from here.
    /// </summary>
    public static Dictionary<string, string?> Settings(string folder, string url, string legacyUrl, IDictionary<string, string?>? settings = null) =>
        LoopbackGatewaySettings.Minimal(url, legacyUrl, Path.Combine(folder, "data"), GatewayHost.Secret).With(settings);

    /// <summary>SIGTERM, as <c>systemctl stop</c> sends it: the host stops gracefully and flushes its exporters.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!_process.HasExited)
        {
            kill(_asPidOne ? Child() : _process.Id, SigTerm);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TerminateAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        bool healthy = await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited ({_process.ExitCode}) before it listened:\n{Output}");
            }

            try
            {
                using var live = await client.GetAsync(Url + "/healthz");
                return live.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(60));
        if (!healthy)
        {
            throw new TimeoutException($"the gateway did not answer /healthz within 60 s:\n{Output}");
        }
    }

    /// <summary>The gateway under <c>unshare --fork</c>: its only child, seen from the test's PID namespace.</summary>
    private int Child()
    {
        string children = File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Trim();
        return int.Parse(children.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
