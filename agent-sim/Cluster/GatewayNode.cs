using System.Diagnostics;
using System.Globalization;

namespace Smp.AgentSim.Cluster;

/// <summary>
/// One gateway node as an operator runs it: <c>dotnet gateway.dll --config FILE</c> from the published build,
/// in a folder of its own (its configuration, data folder and output), on 127.0.0.1 and a fixed port, so that
/// nginx finds it again after it was killed and restarted. Ready once <c>/healthz</c> answers.
/// </summary>
internal sealed class GatewayNode : IAsyncDisposable
{
    private static readonly HttpClient Health = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly string _gatewayDll;
    private readonly Dictionary<string, string?> _settings;
    private Process? _process;
    private StreamWriter? _output;

    private GatewayNode(string name, string gatewayDll, string folder, string configFile, int port, Dictionary<string, string?> settings)
    {
        Name = name;
        _settings = settings;
        _gatewayDll = gatewayDll;
        Folder = folder;
        ConfigFile = configFile;
        Port = port;
    }

    public string Name { get; }

    public string Folder { get; }

    /// <summary>The node's <c>--config</c> file; the admin CLI takes it too, to work on the same Redis.</summary>
    public string ConfigFile { get; }

    public int Port { get; }

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Writes <paramref name="settings"/> as the node's configuration file and starts it.</summary>
    public static async Task<GatewayNode> StartAsync(
        string name, string gatewayDll, string folder, int port, IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string?>(settings, StringComparer.Ordinal);
        string config = Demo.GatewayConfigFile.Write(Path.Combine(folder, "gateway.json"), all);
        var node = new GatewayNode(name, gatewayDll, folder, config, port, all);
        await node.StartAgainAsync(cancellationToken).ConfigureAwait(false);
        return node;
    }

    /// <summary>Starts the process (again, after <see cref="Kill"/>) and waits until <c>/healthz</c> answers.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        foreach (string argument in new[] { _gatewayDll, "--config", ConfigFile })
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of this process's own telemetry settings leaks into the node.
        foreach (string variable in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        if (_output is not null)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }

        _output = new StreamWriter(Path.Combine(Folder, "output.log"), append: true) { AutoFlush = true };
        StreamWriter output = _output;
        _process?.Dispose();
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Write(output, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(output, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAsync("/healthz", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until <paramref name="path"/> (<c>/healthz</c>, <c>/readyz</c>) answers 2xx, at most 60 s.</summary>
    public async Task WaitUntilAsync(string path, CancellationToken cancellationToken)
    {
        Process process = _process ?? throw new InvalidOperationException($"gateway node {Name} was not started.");
        var health = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}{path}");
        for (int attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"gateway node {Name} exited with {process.ExitCode}; see {Path.Combine(Folder, "output.log")}.");
            }

            try
            {
                using HttpResponseMessage response = await Health.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"gateway node {Name} did not answer {path} within 60 s; see {Path.Combine(Folder, "output.log")}.");
    }

    /// <summary>
    /// Sets <paramref name="changes"/> in the node's configuration file while it runs, as an operator edits it: written
    /// beside and moved in, so that the gateway's file watch never reads half a file.
    /// </summary>
    public void Reconfigure(IEnumerable<KeyValuePair<string, string?>> changes)
    {
        foreach (var (key, value) in changes)
        {
            _settings[key] = value;
        }

        string next = Demo.GatewayConfigFile.Write(ConfigFile + ".next", _settings);
        File.Move(next, ConfigFile, overwrite: true);
    }

    /// <summary>SIGKILL: no shutdown, open connections reset, whatever was in flight lost.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        ProcessSignal.Send(ProcessId, ProcessSignal.Kill);
        await _process!.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resident memory now and at the peak of the current process, in MiB.</summary>
    public (double RssMiB, double PeakMiB) Memory() => _process is { HasExited: false } p ? ProcessSignal.Memory(p.Id) : (0, 0);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            ProcessSignal.Send(_process.Id, ProcessSignal.Terminate);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process?.Dispose();
        if (_output is not null)
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Write(StreamWriter output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            try
            {
                output.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
