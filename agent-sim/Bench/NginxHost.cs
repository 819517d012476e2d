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

    public int ProcessId => _process.Id;

    public static Task<NginxHost> StartAsync(string executable, string folder, int port, int legacyPort, int connections, CancellationToken cancellationToken) =>
        StartAsync(executable, folder, port, [legacyPort], connections, cancellationToken);

    /// <param name="upstreamPorts">The servers behind, on 127.0.0.1; a failed connection to one moves the request to the next.</param>
    public static Task<NginxHost> StartAsync(
        string executable, string folder, int port, IReadOnlyList<int> upstreamPorts, int connections, CancellationToken cancellationToken) =>
        StartWithAsync(executable, folder, port, Configuration(folder, port, upstreamPorts, connections), cancellationToken);

    /// <summary>nginx as the server behind (<c>bench --out-of-process</c>): it answers <paramref name="path"/> itself with <paramref name="body"/>.</summary>
    public static Task<NginxHost> StartOriginAsync(string executable, string folder, int port, string path, string body, CancellationToken cancellationToken) =>
        StartWithAsync(executable, folder, port, OriginConfiguration(folder, port, path, body), cancellationToken);

    private static async Task<NginxHost> StartWithAsync(string executable, string folder, int port, string configuration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        string config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, configuration, cancellationToken).ConfigureAwait(false);
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
        // max_fails=0: a node is never taken out for a while after one failure; a killed node refuses connections, and those move on at once.
        string servers = string.Join("\n    ", upstreamPorts.Select(u => $"server 127.0.0.1:{u.ToString(CultureInfo.InvariantCulture)}{(upstreamPorts.Count > 1 ? " max_fails=0" : "")};"));
        string keepalive = Math.Max(connections, 1).ToString(CultureInfo.InvariantCulture);
        return Http(folder, $$"""
              upstream legacy {
                {{servers}}
                keepalive {{keepalive}};
                keepalive_requests 100000000;
              }
              server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                location / {
                  proxy_pass http://legacy;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                }
              }
            """);
    }

    /// <summary>The configuration of a server behind: <paramref name="path"/> answered with <paramref name="body"/> as XML, anything else 404.</summary>
    internal static string OriginConfiguration(string folder, int port, string path, string body)
    {
        if (body.Contains('\'', StringComparison.Ordinal) || body.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException("The page must not need quoting in nginx's configuration.", nameof(body));
        }

        return Http(folder, $$"""
              server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}};
                location = {{path}} {
                  default_type "text/xml; charset=utf-8";
                  return 200 '{{body}}';
                }
                location / { return 404; }
              }
            """);
    }

    /// <summary>One process, one worker, no access log, every file in <paramref name="folder"/>; <paramref name="servers"/> inside <c>http</c>.</summary>
    private static string Http(string folder, string servers) => $$"""
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
        {{servers}}
        }

        """;

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
