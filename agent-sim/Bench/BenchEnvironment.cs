using System.Security.Cryptography;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Bench;

/// <summary>
/// Everything <c>bench</c> measures, on free 127.0.0.1 ports: the legacy server, plain YARP and the
/// gateway in this process, nginx in its own when it is installed. Disposing stops them all.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    private BenchEnvironment(string folder) => Folder = folder;

    /// <summary>The run's temporary folder: gateway data, wrk scripts, proof files, nginx. Deleted on dispose.</summary>
    public string Folder { get; }

    public Uri Legacy { get; private set; } = null!;

    public Uri Yarp { get; private set; } = null!;

    public Uri Gateway { get; private set; } = null!;

    public Uri? Nginx => _nginx?.Origin;

    public string EnrollmentSecret { get; } = B64u.Encode(RandomNumberGenerator.GetBytes(32));

    private NginxHost? _nginx;

    public static async Task<BenchEnvironment> StartAsync(BenchOptions options, string? nginxExecutable, CancellationToken cancellationToken)
    {
        var environment = new BenchEnvironment(Directory.CreateTempSubdirectory("agent-sim-bench-").FullName);
        try
        {
            int legacyPort = LoopbackPort.Free();
            string legacy = $"http://127.0.0.1:{legacyPort}";
            string yarp = LoopbackPort.FreeUrl(), gateway = LoopbackPort.FreeUrl();
            await environment.StartAppAsync(LegacyServer.Build(legacy), cancellationToken).ConfigureAwait(false);
            await environment.StartAppAsync(PlainYarpHost.Build(yarp, legacy), cancellationToken).ConfigureAwait(false);
            string data = Directory.CreateDirectory(Path.Combine(environment.Folder, "gateway")).FullName;
            await environment.StartAppAsync(
                BenchGatewayHost.Build(gateway, legacy, data, environment.EnrollmentSecret, options.Breakdown), cancellationToken).ConfigureAwait(false);
            (environment.Legacy, environment.Yarp, environment.Gateway) = (new Uri(legacy + "/"), new Uri(yarp + "/"), new Uri(gateway + "/"));
            if (nginxExecutable is not null)
            {
                environment._nginx = await NginxHost.StartAsync(
                    nginxExecutable, Path.Combine(environment.Folder, "nginx"), LoopbackPort.Free(), legacyPort, options.Connections, cancellationToken)
                    .ConfigureAwait(false);
            }

            return environment;
        }
        catch
        {
            await environment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync().ConfigureAwait(false);
        }

        for (int i = _apps.Count - 1; i >= 0; i--)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _apps[i].StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                // Timed out, or never started.
            }

            await _apps[i].DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"agent-sim bench: could not delete {Folder}: {e.Message}").ConfigureAwait(false);
        }
    }

    private async Task StartAppAsync(WebApplication app, CancellationToken cancellationToken)
    {
        _apps.Add(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
    }
}
