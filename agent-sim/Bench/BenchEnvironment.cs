using System.Security.Cryptography;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Bench;

/// <summary>
/// Everything <c>bench</c> measures, on free 127.0.0.1 ports: the legacy server, plain YARP and the
/// gateway in this process, nginx in its own when it is installed; or, out of process, each in its own
/// process, with nginx answering the page as the server behind when it is installed. Disposing stops them all.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    private const string LegacyProcess = "legacy server", YarpProcess = "plain YARP", GatewayProcess = "gateway", ComparedProcess = "compared gateway";

    private readonly List<WebApplication> _apps = [];
    private readonly List<BenchProcess> _processes = [];

    private BenchEnvironment(string folder) => Folder = folder;

    /// <summary>The run's temporary folder: gateway data, wrk scripts, proof files, nginx. Deleted on dispose.</summary>
    public string Folder { get; }

    public Uri Legacy { get; private set; } = null!;

    public Uri Yarp { get; private set; } = null!;

    public Uri Gateway { get; private set; } = null!;

    /// <summary>The second gateway, from <see cref="BenchOptions.CompareBuild"/>; null without one.</summary>
    public Uri? Compared { get; private set; }

    /// <summary>Plain YARP's HTTP/2 endpoint (h2c, <c>--http2</c> only), beside its HTTP/1.1 one.</summary>
    public Uri? YarpH2c { get; private set; }

    /// <summary>The gateway's HTTP/2 endpoint (h2c, <c>--http2</c> only), beside its HTTP/1.1 one where the agents enroll.</summary>
    public Uri? GatewayH2c { get; private set; }

    /// <summary>nginx as a proxy in front of the legacy server, measured beside YARP (in process only: out of process it is the server behind).</summary>
    public Uri? Nginx => _processes.Count == 0 ? _nginx?.Origin : null;

    public string EnrollmentSecret { get; } = B64u.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The servers started in processes of their own (out of process), in the order they started.</summary>
    public IReadOnlyList<BenchProcess> Processes => _processes;

    /// <summary>What the report says of the setup (out of process): the server behind and the processes.</summary>
    public string? Note { get; private set; }

    private NginxHost? _nginx;

    public static async Task<BenchEnvironment> StartAsync(BenchOptions options, string? nginxExecutable, CancellationToken cancellationToken)
    {
        var environment = new BenchEnvironment(Directory.CreateTempSubdirectory("agent-sim-bench-").FullName);
        try
        {
            if (options.OutOfProcess)
            {
                await environment.StartProcessesAsync(options, nginxExecutable, cancellationToken).ConfigureAwait(false);
                return environment;
            }

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

    /// <summary>
    /// The server behind (nginx answering the page, else <c>agent-sim legacy</c>), <c>agent-sim bench-yarp</c> and the
    /// gateway (<c>gateway.dll --config FILE</c>), each a process of its own, started in that order.
    /// </summary>
    private async Task StartProcessesAsync(BenchOptions options, string? nginxExecutable, CancellationToken cancellationToken)
    {
        (string self, string[] selfArguments) = BenchProcess.Self();
        int serverPort = LoopbackPort.Free();
        string server = $"http://127.0.0.1:{serverPort}";
        if (nginxExecutable is not null)
        {
            _nginx = await NginxHost.StartOriginAsync(
                nginxExecutable, Path.Combine(Folder, "nginx"), serverPort, BenchRunner.Page, LegacyDocuments.TaskServersText, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await StartProcessAsync(LegacyProcess, self, [.. selfArguments, "legacy", "--urls", server], new Uri(server + BenchRunner.Page), cancellationToken)
                .ConfigureAwait(false);
        }

        string yarp = LoopbackPort.FreeUrl(), gateway = LoopbackPort.FreeUrl();
        string? yarpH2c = options.Http2 ? LoopbackPort.FreeUrl() : null, gatewayH2c = options.Http2 ? LoopbackPort.FreeUrl() : null;
        string[] yarpH2cArguments = yarpH2c is null ? [] : ["--http2-url", yarpH2c];
        await StartProcessAsync(
            YarpProcess, self, [.. selfArguments, "bench-yarp", "--urls", yarp, "--upstream", server, .. yarpH2cArguments], new Uri(yarp + BenchRunner.Page), cancellationToken)
            .ConfigureAwait(false);

        await StartGatewayAsync(GatewayProcess, options.GatewayBuild, gateway, gatewayH2c, server, options.Breakdown, cancellationToken).ConfigureAwait(false);
        if (options.CompareBuild is { } compareBuild)
        {
            string compared = LoopbackPort.FreeUrl();
            await StartGatewayAsync(ComparedProcess, compareBuild, compared, null, server, options.Breakdown, cancellationToken).ConfigureAwait(false);
            Compared = new Uri(compared + "/");
        }

        (Legacy, Yarp, Gateway) = (new Uri(server + "/"), new Uri(yarp + "/"), new Uri(gateway + "/"));
        (YarpH2c, GatewayH2c) = (yarpH2c is null ? null : new Uri(yarpH2c + "/"), gatewayH2c is null ? null : new Uri(gatewayH2c + "/"));
        string behind = _nginx is null ? "the legacy server (agent-sim legacy)" : $"nginx answering the page itself (pid {_nginx.ProcessId})";
        Note = $"out of process: server behind {behind}; " + string.Join("; ", _processes.Select(p => $"{p.Name} pid {p.ProcessId}, ready {p.StartToReady.TotalMilliseconds:N0} ms after its start"));
    }

    /// <summary>A gateway from <paramref name="build"/> with a <c>--config</c> file and a data folder of its own, as an administrator starts it.</summary>
    private async Task StartGatewayAsync(string name, string build, string url, string? h2cUrl, string server, bool breakdown, CancellationToken cancellationToken)
    {
        string folder = name.Replace(' ', '-');
        string data = Directory.CreateDirectory(Path.Combine(Folder, folder)).FullName;
        string config = GatewayConfigFile.Write(Path.Combine(Folder, folder + ".json"), BenchGatewayHost.Settings(url, server, data, EnrollmentSecret, breakdown).WithH2c(h2cUrl));
        (string dotnet, string[] arguments) = BenchProcess.Gateway(build);
        await StartProcessAsync(name, dotnet, [.. arguments, "--config", config], new Uri(url + "/readyz"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The process that serves <paramref name="target"/> out of process (nginx's master for the server behind), else null.</summary>
    public int? ProcessServing(BenchTarget target)
    {
        if (_processes.Count == 0)
        {
            return null;
        }

        string? name = target.Origin == Yarp || target.Origin == YarpH2c ? YarpProcess
            : target.Origin == Gateway || target.Origin == GatewayH2c ? GatewayProcess
            : target.Origin == Compared ? ComparedProcess : target.Origin == Legacy ? LegacyProcess : null;
        return name == LegacyProcess && _nginx is not null ? _nginx.ProcessId : _processes.FirstOrDefault(p => p.Name == name)?.ProcessId;
    }

    private async Task StartProcessAsync(string name, string executable, string[] arguments, Uri readyUrl, CancellationToken cancellationToken) =>
        _processes.Add(await BenchProcess.StartAsync(name, executable, arguments, Folder, readyUrl, cancellationToken).ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        for (int i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync().ConfigureAwait(false);
        }

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
