using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Smp.AgentSim.Bench;

/// <summary>
/// nginx as a reference proxy, when it is installed: one process (<c>master_process off</c>) with a
/// configuration, logs and temporary files in a folder of its own, listening on 127.0.0.1, keeping
/// its connections to the servers behind it alive. Started and stopped by <c>bench</c> (one legacy server behind)
/// and <c>cluster</c> (the gateway nodes behind, balanced round robin).
/// </summary>
internal sealed class NginxHost : IAsyncDisposable
{
    public const string Executable = "nginx";

    private readonly Process _process;

    private NginxHost(Process process, Uri origin)
    {
        _process = process;
        Origin = origin;
    }

    public Uri Origin { get; }

    public static Task<NginxHost> StartAsync(string executable, string folder, int port, int legacyPort, int connections, CancellationToken cancellationToken) =>
        StartAsync(executable, folder, port, [legacyPort], connections, cancellationToken);

    /// <param name="upstreamPorts">The servers behind, on 127.0.0.1; a failed connection to one moves the request to the next.</param>
    public static async Task<NginxHost> StartAsync(
        string executable, string folder, int port, IReadOnlyList<int> upstreamPorts, int connections, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        string config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder, port, upstreamPorts, connections), cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-p", folder + "/", "-c", config, "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var host = new NginxHost(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await WaitForPortAsync(process, port, folder, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The configuration: a reverse proxy with upstream keep-alive, nothing written outside <paramref name="folder"/>.</summary>
    internal static string Configuration(string folder, int port, IReadOnlyList<int> upstreamPorts, int connections)
    {
        string p = port.ToString(CultureInfo.InvariantCulture);
        // max_fails=0: a node is never taken out for a while after one failure; a killed node refuses connections, and those move on at once.
        string servers = string.Join("\n    ", upstreamPorts.Select(u => $"server 127.0.0.1:{u.ToString(CultureInfo.InvariantCulture)}{(upstreamPorts.Count > 1 ? " max_fails=0" : "")};"));
        string keepalive = Math.Max(connections, 1).ToString(CultureInfo.InvariantCulture);
        return $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/client_body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              keepalive_requests 100000000;
              upstream legacy {
                {{servers}}
                keepalive {{keepalive}};
                keepalive_requests 100000000;
              }
              server {
                listen 127.0.0.1:{{p}};
                location / {
                  proxy_pass http://legacy;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
              }
            }

            """;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _process.Dispose();
    }

    private static async Task WaitForPortAsync(Process process, int port, string folder, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                string log = Path.Combine(folder, "error.log");
                string detail = File.Exists(log) ? (await File.ReadAllTextAsync(log, cancellationToken).ConfigureAwait(false)).Trim() : "";
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)} {detail}".Trim());
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within 5 s.");
    }
}
