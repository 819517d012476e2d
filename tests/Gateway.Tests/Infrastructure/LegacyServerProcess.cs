using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// The simulated legacy server in a process of its own (<c>dotnet agent-sim.dll legacy --urls URL ...</c>), with the
/// environment the test gives it: what a Kerberos acceptor needs (<c>KRB5_CONFIG</c>, <c>KRB5_KTNAME</c>) is per
/// process, so a server demanding Negotiate runs out of the test process. Ready once its port accepts; killed on dispose.
/// </summary>
internal sealed class LegacyServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LegacyServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Url = $"http://127.0.0.1:{port}";
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

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

    /// <summary>Starts it on a free port with <paramref name="arguments"/> after <c>legacy --urls URL</c>.</summary>
    public static async Task<LegacyServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        int port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "agent-sim.dll"), "legacy", "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new LegacyServerProcess(Process.Start(start)!, port);
        await server.WaitListeningAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitListeningAsync()
    {
        bool listening = await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the legacy server exited ({_process.ExitCode}) before it listened:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(60));
        if (!listening)
        {
            throw new TimeoutException($"the legacy server did not listen within 60 s:\n{Output}");
        }
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
}
