using System.Net;
using System.Net.Sockets;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Cli;

/// <summary><c>agent-sim</c> run as a process: a busy port in one line, and an HTTPS gateway's certificate trusted with <c>--ca</c>.</summary>
public sealed class AgentSimCommandLineTests
{
    [Fact]
    public async Task Legacy_PortInUse_OneLineExitsTwo()
    {
        using var folder = new TempFolder();
        int port = FreePort.Next();
        using var busy = new TcpListener(IPAddress.Loopback, port);
        busy.Start();
        var result = await GatewayCommand.RunProgramAsync("agent-sim.dll", folder.Path, null, "legacy", "--urls", $"http://127.0.0.1:{port}");
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal([$"agent-sim: --urls: port {port} on 127.0.0.1 is in use by another process; give another (--urls http://127.0.0.1:PORT)"], result.ErrorLines);
    }

    [Fact]
    public async Task Load_SelfSignedHttpsGateway_SaysWhyWithoutCaAndRunsWithIt()
    {
        using var folder = new TempFolder();
        var (cert, key) = TestCertificate.Write(folder.Path);
        string url = $"https://127.0.0.1:{FreePort.Next()}";
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = url,
            ["Kestrel:Endpoints:Http:Certificate:Path"] = cert,
            ["Kestrel:Endpoints:Http:Certificate:KeyPath"] = key,
            ["Gateway:Audience"] = url,
        });
        string[] load = ["load", "--gateway", url, "--secret", GatewayHost.Secret, "--agents", "2", "--concurrency", "2", "--max-requests", "20",
            "--mix", "cold=1,warm=1", "--keys", Path.Combine(folder.Path, "keys")];

        var refused = await GatewayCommand.RunProgramAsync("agent-sim.dll", folder.Path, null, load);
        Assert.True(refused.Exit == 1, refused.ToString());
        Assert.Contains("The SSL connection could not be established", refused.Error);
        Assert.Contains("remote certificate is invalid", refused.Error);

        var trusted = await GatewayCommand.RunProgramAsync("agent-sim.dll", folder.Path, null, [.. load, "--ca", cert]);
        Assert.True(trusted.Exit == 0, trusted.ToString());
    }
}
