using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Smp.AgentSim.Cluster;

/// <summary>
/// The nodes' <c>redis-server</c>: on 127.0.0.1 and a port of its own, its files in a folder of its own,
/// an append-only file synced every second (the durability the gateway demands, §README "Several nodes")
/// and no eviction. Frozen and thawed with SIGSTOP/SIGCONT, restarted on the same port with its data.
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    public const string Executable = "redis-server";

    private readonly string _executable;
    private readonly string _folder;
    private Process? _process;

    private RedisProcess(string executable, string folder, int port)
    {
        _executable = executable;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The nodes' <c>Gateway:State:Redis:Configuration</c>.</summary>
    public string Configuration => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public int ProcessId => _process?.Id ?? 0;

    public static async Task<RedisProcess> StartAsync(string executable, string folder, int port, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var redis = new RedisProcess(executable, folder, port);
        await redis.StartAgainAsync(cancellationToken).ConfigureAwait(false);
        return redis;
    }

    /// <summary>Starts it (again) and waits until it answers PING: with its append-only file loaded.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder, "--save", "",
            "--appendonly", "yes", "--appendfsync", "everysec", "--maxmemory-policy", "noeviction", "--logfile", Path.Combine(_folder, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process?.Dispose();
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (int attempt = 0; attempt < 300; attempt++)
        {
            if (await PingAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"redis-server on 127.0.0.1:{Port} did not answer PING within 15 s; see {Path.Combine(_folder, "redis.log")}.");
    }

    /// <summary>SIGSTOP: connections stay open and nothing answers.</summary>
    public void Freeze() => ProcessSignal.Send(ProcessId, ProcessSignal.Stop);

    public void Thaw() => ProcessSignal.Send(ProcessId, ProcessSignal.Continue);

    /// <summary>
    /// SIGTERM (Redis writes its append-only file out and exits), or SIGKILL when <paramref name="kill"/> (what the
    /// last second's writes were not yet synced of is lost), then starts it again.
    /// </summary>
    public async Task RestartAsync(bool kill, CancellationToken cancellationToken)
    {
        ProcessSignal.Send(ProcessId, kill ? ProcessSignal.Kill : ProcessSignal.Terminate);
        await _process!.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await StartAgainAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token).ConfigureAwait(false);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false) == "+PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            ProcessSignal.Send(_process.Id, ProcessSignal.Continue);
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process?.Dispose();
    }
}
