using System.Net;
using System.Net.Sockets;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Cli;

/// <summary>
/// The command line of the built <c>gateway</c>, run as a process as an operator runs it: help without side
/// effects, unknown words refused with the nearest known one (exit 64), and ordinary mistakes in one line naming
/// the key or the file (exit 2), never a stack trace.
/// </summary>
public sealed class GatewayCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("check-config --help")]
    [InlineData("doctor --help")]
    [InlineData("hash-password --help")]
    [InlineData("agents --help")]
    [InlineData("agents replace-key --help")]
    [InlineData("keys --help")]
    [InlineData("tokens issue-asdk --help")]
    public async Task Help_AnyCommand_PrintsUsageStartsNothingExitsZero(string args)
    {
        using var folder = new TempFolder();
        var result = await GatewayCommand.RunAsync(folder.Path, null, args.Split(' '));
        Assert.True(result.Exit == 0, result.ToString());
        Assert.Contains("Usage:", result.Output);
        Assert.Empty(result.Error);
        // Nothing started: no data folder, no signing key written where it was run.
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Help_Root_ListsCommandsSettingsAndExitCodes()
    {
        using var folder = new TempFolder();
        var result = await GatewayCommand.RunAsync(folder.Path, null, "--help");
        foreach (string text in new[] { "check-config", "doctor", "hash-password", "agents", "keys", "tokens", "--config <FILE>", "--Section:Key=VALUE", "64 a usage error" })
        {
            Assert.Contains(text, result.Output);
        }
    }

    [Fact]
    public async Task Version_PrintsIt()
    {
        using var folder = new TempFolder();
        var result = await GatewayCommand.RunAsync(folder.Path, null, "--version");
        Assert.Equal(0, result.Exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Output);
    }

    [Theory]
    [InlineData("doctor --frob", "gateway doctor: unknown option '--frob' (known: --config, --domain).")]
    [InlineData("doctor --domian X", "gateway doctor: unknown option '--domian'; did you mean '--domain'?")]
    [InlineData("agents lst", "gateway agents: unknown command 'lst'; did you mean 'list'?")]
    [InlineData("chek-config", "gateway: unknown command 'chek-config'; did you mean 'check-config'?")]
    [InlineData("--confg x.json", "gateway: unknown option '--confg'; did you mean '--config'?")]
    [InlineData("agents", "gateway agents: Required command was not provided.")]
    [InlineData("tokens issue-asdk --name x", "gateway tokens issue-asdk: Option '--paths' is required.")]
    public async Task UnknownOrMissing_Refused_NamesItExitsUsage(string args, string expected)
    {
        using var folder = new TempFolder();
        var result = await GatewayCommand.RunAsync(folder.Path, null, args.Split(' '));
        Assert.True(result.Exit == 64, result.ToString());
        Assert.Equal(expected, result.ErrorLines[0]);
        Assert.StartsWith("Run 'gateway", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task HashPassword_FromStandardInput_PrintsAHash()
    {
        using var folder = new TempFolder();
        var result = await GatewayCommand.RunAsync(folder.Path, "correct horse\n", "hash-password");
        Assert.Equal(0, result.Exit);
        Assert.StartsWith("pbkdf2-sha256$", result.Output);
    }

    [Fact]
    public async Task Doctor_MissingConfigFile_OneLineExitsTwo()
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "missing.json");
        var result = await GatewayCommand.RunAsync(folder.Path, null, "doctor", "--config", missing);
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal([$"gateway: --config: '{missing}' does not exist."], result.ErrorLines);
    }

    [Fact]
    public async Task Doctor_SettingItCannotRead_NamesTheKeyExitsTwo()
    {
        using var folder = new TempFolder();
        var result = await GatewayCommand.RunAsync(folder.Path, null, "doctor", "--Gateway:Tokens:Lifetime=soon");
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal(["The configuration is not valid: Gateway:Tokens:Lifetime: 'soon' is not a time span (hh:mm:ss or d.hh:mm:ss, such as 00:05:00 or 30.00:00:00)."], result.ErrorLines);
    }

    [Fact]
    public async Task Start_PortInUse_OneLineNamingTheEndpointExitsTwo()
    {
        using var folder = new TempFolder();
        int port = FreePort.Next();
        using var busy = new TcpListener(IPAddress.Loopback, port);
        busy.Start();
        var result = await GatewayCommand.RunAsync(folder.Path, null,
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{port}", "--Gateway:DataDirectory", folder.Path);
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal([$"The configuration is not valid: Kestrel:Endpoints:Http:Url: port {port} on 127.0.0.1 is in use by another process."], result.ErrorLines);
        Assert.DoesNotContain("   at ", result.Output + result.Error);
    }

    [Fact]
    public async Task Start_CertificateKeyNotAKey_OneLineNamingTheKeyExitsTwo()
    {
        using var folder = new TempFolder();
        var (cert, _) = TestCertificate.Write(folder.Path);
        string notAKey = Path.Combine(folder.Path, "not-a-key.pem");
        File.WriteAllText(notAKey, "this is not a key\n");
        int port = FreePort.Next();
        var result = await GatewayCommand.RunAsync(folder.Path, null,
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{FreePort.Next()}",
            $"--Kestrel:Endpoints:Https:Url=https://127.0.0.1:{port}", $"--Kestrel:Endpoints:Https:Certificate:Path={cert}",
            $"--Kestrel:Endpoints:Https:Certificate:KeyPath={notAKey}", $"--Gateway:Audience=https://127.0.0.1:{port}", $"--Gateway:DataDirectory={folder.Path}");
        Assert.True(result.Exit == 2, result.ToString());
        Assert.Equal([$"The configuration is not valid: Kestrel:Endpoints:Https:Certificate:KeyPath: '{notAKey}' holds no RSA private key in PEM."], result.ErrorLines);
    }
}
