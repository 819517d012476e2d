using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Administration;

/// <summary><c>gateway keys</c> over the key files a gateway loads at start.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task ListRotateRetire_GeneratedKey_FilesFollow()
    {
        await using var host = await GatewayHost.StartAsync();
        var cli = AdminCli.For(host);
        var (exit, output) = await cli.RunAsync("keys", "list", "--json");
        Assert.Equal(0, exit);
        string oldKid = System.Text.Json.JsonDocument.Parse(output).RootElement[0].GetProperty("kid").GetString()!;

        (exit, output) = await cli.RunAsync("keys", "rotate");
        Assert.Equal(0, exit);
        Assert.Contains("restarted", output);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "signing-key.previous.pem")));
        (_, output) = await cli.RunAsync("keys", "list");
        Assert.Matches($@"{oldKid}\s+RS256\s+no\s+yes", output);

        (exit, output) = await cli.RunAsync("keys", "retire", oldKid);
        Assert.Equal(1, exit);
        Assert.Contains("may still be valid", output);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "signing-key.previous.pem")));

        (exit, _) = await cli.RunAsync("keys", "retire", oldKid, "--force");
        Assert.Equal(0, exit);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "signing-key.previous.pem")));
        (_, output) = await cli.RunAsync("keys", "list");
        Assert.DoesNotContain(oldKid, output);
    }

    [Fact]
    public async Task Retire_SigningKey_Refused()
    {
        await using var host = await GatewayHost.StartAsync();
        var cli = AdminCli.For(host);
        var (_, output) = await cli.RunAsync("keys", "list", "--json");
        string kid = System.Text.Json.JsonDocument.Parse(output).RootElement[0].GetProperty("kid").GetString()!;

        var (exit, refusal) = await cli.RunAsync("keys", "retire", kid, "--force");

        Assert.Equal(1, exit);
        Assert.Contains("is the signing key", refusal);
    }

    [Fact]
    public async Task Rotate_TwiceWhilePreviousNeeded_RefusedWithoutForce()
    {
        await using var host = await GatewayHost.StartAsync();
        var cli = AdminCli.For(host);
        Assert.Equal(0, (await cli.RunAsync("keys", "rotate")).Exit);
        var (exit, output) = await cli.RunAsync("keys", "rotate");
        Assert.Equal(1, exit);
        Assert.Contains("--force", output);
    }
}
