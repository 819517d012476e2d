using System.Diagnostics;

namespace Smp.AgentSim.Bench;

/// <summary>
/// A server <c>bench --out-of-process</c> measures in a process of its own: started with its arguments, its output
/// kept (the last lines, for a failure's message), ready once <see cref="ReadyUrl"/> answers below 500 (the
/// legacy server refuses a request without identity with 401; the gateway's <c>/readyz</c> answers 503 until ready); the time from the
/// start to that answer is <see cref="StartToReady"/>. Disposing kills it: nothing it holds
/// outlives the run's folder.
/// </summary>
internal sealed class BenchProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private BenchProcess(string name, Process process, Uri readyUrl)
    {
        Name = name;
        _process = process;
        ReadyUrl = readyUrl;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public Uri ReadyUrl { get; }

    public TimeSpan StartToReady { get; private set; }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> in <paramref name="folder"/> and waits until it is ready.</summary>
    public static async Task<BenchProcess> StartAsync(
        string name, string executable, IEnumerable<string> arguments, string folder, Uri readyUrl, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of this process's own telemetry settings reaches the measured one.
        foreach (string variable in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        long started = Stopwatch.GetTimestamp();
        var process = new BenchProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."), readyUrl);
        try
        {
            await process.WaitReadyAsync(cancellationToken).ConfigureAwait(false);
            process.StartToReady = Stopwatch.GetElapsedTime(started);
            return process;
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>How to start this very program (<c>agent-sim</c>) again: its own executable, or <c>dotnet agent-sim.dll</c>.</summary>
    public static (string Executable, string[] Arguments) Self()
    {
        string path = Environment.ProcessPath ?? throw new InvalidOperationException("The path of agent-sim is not known.");
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [typeof(BenchProcess).Assembly.Location])
            : (path, []);
    }

    /// <summary>How to start the gateway built in <paramref name="folder"/> (<c>gateway.dll</c>, as <c>dotnet publish</c> leaves it).</summary>
    public static (string Executable, string[] Arguments) Gateway(string folder)
    {
        string dll = Path.Combine(Path.GetFullPath(folder), "gateway.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"--gateway-build: no gateway.dll in {Path.GetFullPath(folder)} (dotnet publish gateway -c Release -o DIR)");
        }

        string dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        return (dotnet, [dll]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or not gone within 10 s.
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        long deadline = Stopwatch.GetTimestamp() + (long)(ReadyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits for the redirected output to be read to its end.
                _process.WaitForExit();
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready: {Output()}");
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync(ReadyUrl, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, not answering yet.
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not ready at {ReadyUrl} within {ReadyTimeout.TotalSeconds:0} s: {Output()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }
}
