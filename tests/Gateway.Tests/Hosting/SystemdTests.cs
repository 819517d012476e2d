using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Smp.AgentSim.Legacy;
using Smp.Gateway.Tests.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hosting;

/// <summary>
/// <c>config/smp-gateway.service</c> as systemd reads it, and the gateway process speaking systemd's notify
/// protocol (<c>Type=notify</c>) to a socket of the test's, as systemd would listen on <c>NOTIFY_SOCKET</c>. systemd
/// is not process 1 here, so the gateway runs as process 1 of a PID namespace, where .NET's systemd integration
/// answers <c>NOTIFY_SOCKET</c> as it does under systemd itself (there: the parent process is <c>systemd</c>).
/// </summary>
public sealed class SystemdTests
{
    private static string Unit => Path.Combine(ExampleConfigurationTests.RepositoryRoot(), "config", "smp-gateway.service");

    [Fact]
    public async Task Unit_SystemdAnalyzeVerify_NotifyAndNeverGivesUpRestarting()
    {
        var start = new ProcessStartInfo("systemd-analyze") { ArgumentList = { "verify", Unit }, RedirectStandardError = true, RedirectStandardOutput = true };
        using var verify = Process.Start(start)!;
        string output = await verify.StandardOutput.ReadToEndAsync() + await verify.StandardError.ReadToEndAsync();
        await verify.WaitForExitAsync();
        Assert.True(verify.ExitCode == 0 && output.Trim().Length == 0, output);

        string[] lines = File.ReadAllLines(Unit).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Contains("Type=notify", lines);
        Assert.Contains("Restart=always", lines);
        Assert.Contains("StartLimitIntervalSec=0", lines);
        // Exit code 2 (the start failed: Redis or the directory down at boot, like a bad configuration) is restarted too.
        Assert.DoesNotContain(lines, l => l.StartsWith("RestartPreventExitStatus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Notify_GatewayProcess_ReadyOnceListening_StoppingOnSigterm()
    {
        using var folder = new TempFolder();
        string socketPath = Path.Combine(folder.Path, "notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(socketPath));
        string legacyUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var legacy = LegacyServer.Build(legacyUrl);
        await legacy.StartAsync();

        await using var gateway = await GatewayServerProcess.StartAsync(
            folder.Path, legacyUrl, environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath }, waitHealthy: false, asPidOne: true);
        string ready = await ReceiveAsync(systemd, gateway);

        Assert.Contains("READY=1", ready);
        // Ready means listening: the first request after READY=1 is answered.
        using (var client = new HttpClient())
        {
            Assert.True((await client.GetAsync(gateway.Url + "/healthz")).IsSuccessStatusCode);
        }

        int exit = await gateway.TerminateAsync();
        Assert.Contains("STOPPING=1", await ReceiveAsync(systemd, gateway));
        Assert.Equal(0, exit);
    }

    private static async Task<string> ReceiveAsync(Socket socket, GatewayServerProcess gateway)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no notification from the gateway within 60 s:\n" + gateway.Output);
        }
    }
}
