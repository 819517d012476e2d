using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a free port, from a temporary folder, with no eviction;
/// stopped, paused and started again on the same port for outage tests. A machine without redis-server
/// fails the test with a message (CI installs it): a skipped test would hide that nothing was tested.
/// Shared with the benchmarks project, so it uses nothing of xunit.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private const int SigStop = 19, SigCont = 18;
    private readonly TempFolder _folder = new();
    private Process? _process;

    private readonly bool _persistent;
    private readonly bool _appendOnly;

    private RedisServer(int port, bool persistent, bool appendOnly)
    {
        Port = port;
        _persistent = persistent;
        _appendOnly = persistent && appendOnly;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>
    /// Starts a server that keeps its data across a restart (append-only file, as the gateway requires, and RDB save
    /// points; with <paramref name="appendOnly"/> false save points only), or with <paramref name="persistent"/>
    /// false one that keeps nothing (no AOF, no save points).
    /// </summary>
    public static async Task<RedisServer> StartAsync(bool persistent = true, bool appendOnly = true)
    {
        var server = new RedisServer(FreePort.Next(), persistent, appendOnly);
        await server.StartAgainAsync();
        return server;
    }

    public static string Executable() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("redis-server is not installed: `apt-get install redis-server` (.ci/run does it). The Redis tests need a real one.");

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port, and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Executable())
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", _persistent ? "3600 1" : "", "--appendonly", _appendOnly ? "yes" : "no", "--dir", _folder.Path, "--maxmemory-policy", "noeviction" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        string? pong = await Eventually.UntilAsync(() => CommandAsync("PING"), answer => answer == "+PONG" || _process.HasExited, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        if (pong != "+PONG")
        {
            throw new InvalidOperationException($"redis-server on port {Port} did not answer PING (exit code {(_process.HasExited ? _process.ExitCode : -1)}).");
        }
    }

    /// <summary>Shuts the server down, saving its data to the folder first, as a maintenance restart would: the next start loads it.</summary>
    public async Task StopAsync()
    {
        await CommandAsync("SHUTDOWN SAVE");
        await _process!.WaitForExitAsync();
    }

    /// <summary>Stops the server without saving and starts it again empty: a Redis that lost its data.</summary>
    public async Task LoseDataAsync()
    {
        await CommandAsync("SHUTDOWN NOSAVE");
        await _process!.WaitForExitAsync();
        foreach (string file in Directory.GetFiles(_folder.Path))
        {
            File.Delete(file);
        }

        await StartAgainAsync();
    }

    /// <summary>Freezes the process (SIGSTOP): connections stay open but nothing answers, like a Redis stuck in a long command.</summary>
    public void Pause() => Signal(SigStop);

    public void Resume() => Signal(SigCont);

    /// <summary>Sends one inline command and returns the first line of the answer, or null when nothing answers.</summary>
    public async Task<string?> CommandAsync(string command)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            Signal(SigCont);
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _folder.Dispose();
    }

    private void Signal(int signal)
    {
        if (kill(_process!.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
