using System.Net;
using System.Text.Json;
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
        Assert.Contains("publishes it within two seconds", output);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "signing-key.previous.pem")));
        // A running gateway signs with the new key only after the lead (10 minutes by default): the list says when.
        (_, output) = await cli.RunAsync("keys", "list");
        var at = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ";
        Assert.Matches($@"{oldKid}\s+RS256\s+until {at}\s+yes", output);
        Assert.Matches($@"\S+\s+RS256\s+at {at}\s+yes", output);
        (_, output) = await cli.RunAsync("keys", "list", "--json");
        var keys = JsonDocument.Parse(output).RootElement;
        var signsAt = DateTimeOffset.Parse(keys[0].GetProperty("signsAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(keys[0].GetProperty("signs").GetBoolean());
        Assert.InRange(signsAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(11));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", keys[0].GetProperty("signsAt").GetString());
        Assert.Equal(oldKid, keys[1].GetProperty("kid").GetString());
        Assert.True(keys[1].GetProperty("signs").GetBoolean());

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
    public async Task RotateThenRetire_RunningGateway_FollowsWithoutARestart()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Tokens:RotationLead"] = "00:00:00" });
        var cli = AdminCli.For(host);
        var (agent, uid, oldToken) = await EnrolledWithTokenAsync(host);

        string oldKid = KidOf(oldToken);
        Assert.Equal(HttpStatusCode.OK, await ProofAsync(host, agent, oldToken, uid, 1));

        Assert.Equal(0, (await cli.RunAsync("keys", "rotate")).Exit);
        // Published within two seconds, and signing at once (no lead); the old key's tokens still pass.
        string newKid = await Eventually.UntilAsync(async () =>
        {
            using var client = host.NewClient();
            string kid = KidOf(await agent.GetTokenAsync(client, TestAgent.NewUid()));
            return kid == oldKid ? "" : kid;
        }, "");
        Assert.NotEqual("", newKid);
        Assert.Equal(new[] { oldKid, newKid }.Order(), (await PublishedAsync(host)).Order());
        Assert.Equal(HttpStatusCode.OK, await ProofAsync(host, agent, oldToken, uid, 2));

        Assert.Equal(0, (await cli.RunAsync("keys", "retire", oldKid, "--force")).Exit);
        Assert.Equal(1, await Eventually.UntilAsync(async () => (await PublishedAsync(host)).Count, 2));
        Assert.Equal([newKid], await PublishedAsync(host));
        using (var client = host.NewClient())
        using (var refused = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(oldToken, uid, 3)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("unknown-key", Challenge.ErrorOf(refused));
        }

        // The token held for this uid is under the retired kid: a hello gets a new one, never that one again.
        using (var client = host.NewClient())
        {
            Assert.Equal(newKid, KidOf(await agent.GetTokenAsync(client, uid)));
        }
    }

    [Fact]
    public async Task Rotate_RunningGatewayWithALead_PublishesFirstSignsAfter()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Tokens:RotationLead"] = "00:00:06" });
        var cli = AdminCli.For(host);
        var agent = TestAgent.New();
        using (var client = host.NewClient())
        {
            (await agent.EnrollAsync(client)).Dispose();
        }

        string oldKid = (await PublishedAsync(host)).Single();
        Assert.Equal(0, (await cli.RunAsync("keys", "rotate")).Exit);
        Assert.Equal(2, await Eventually.UntilAsync(async () => (await PublishedAsync(host)).Count, 1));

        // Published, not yet signing: Sites have the lead to fetch it. Then it signs.
        using (var client = host.NewClient())
        {
            Assert.Equal(oldKid, KidOf(await agent.GetTokenAsync(client, TestAgent.NewUid())));
        }

        string newKid = (await PublishedAsync(host)).Single(k => k != oldKid);
        Assert.Equal(newKid, await Eventually.UntilAsync(async () =>
        {
            using var client = host.NewClient();
            return KidOf(await agent.GetTokenAsync(client, TestAgent.NewUid()));
        }, oldKid));
        Assert.Contains(oldKid, await PublishedAsync(host));
    }

    [Fact]
    public async Task ConfiguredKeyFile_ReplacedThenTouched_NewKeySignsOldKeyStaysPublished()
    {
        using var folder = new TempFolder();
        string keyFile = Path.Combine(folder.Path, "issuer.pem");
        using (var first = System.Security.Cryptography.RSA.Create(2048))
        {
            await File.WriteAllTextAsync(keyFile, first.ExportPkcs8PrivateKeyPem());
        }

        var watch = new TimerTicks(Smp.Gateway.Keys.SigningKeyFileWatch.Period);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:Tokens:SigningKeyFile"] = keyFile,
            ["Gateway:Tokens:RotationLead"] = "00:00:00",
        }, services: s => s.AddSingleton<TimeProvider>(watch));
        var (agent, uid, oldToken) = await EnrolledWithTokenAsync(host);

        // The administrator puts a new key in place (written beside, then moved), as a deployment tool would.
        string replacement = keyFile + ".tmp";
        using (var second = System.Security.Cryptography.RSA.Create(2048))
        {
            await File.WriteAllTextAsync(replacement, second.ExportPkcs8PrivateKeyPem());
        }

        File.Move(replacement, keyFile, overwrite: true);
        Assert.Equal(2, await Eventually.UntilAsync(async () => (await PublishedAsync(host)).Count, 1));

        // The same file written again must not drop the replaced key: its tokens are valid until they expire.
        File.SetLastWriteTimeUtc(keyFile, DateTime.UtcNow.AddSeconds(5));
        // Two looks take a change; the third is to spare, as the watch would have dropped the key by then.
        int looked = watch.Ticks;
        Assert.True(await Eventually.TrueAsync(() => watch.Ticks >= looked + 3), "the key files were not looked at again");
        Assert.Equal(2, (await PublishedAsync(host)).Count);
        Assert.Equal(HttpStatusCode.OK, await ProofAsync(host, agent, oldToken, uid, 1));
        using (var client = host.NewClient())
        {
            Assert.NotEqual(KidOf(oldToken), KidOf(await agent.GetTokenAsync(client, TestAgent.NewUid())));
        }
    }

    [Fact]
    public void PreviousNeededUntil_GeneratedFile_WriteTimePlusLookLeadLifetimeAndSkew()
    {
        using var folder = new TempFolder();
        var options = new Smp.Gateway.Configuration.GatewayOptions { DataDirectory = folder.Path };
        options.Tokens.Lifetime = TimeSpan.FromHours(1);
        options.Tokens.RotationLead = TimeSpan.FromMinutes(10);
        options.Tokens.ClockSkew = TimeSpan.FromMinutes(1);
        var files = new Smp.Gateway.Keys.SigningKeyFiles(options);
        File.WriteAllText(files.Current, "x");
        var written = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(files.Current, written);

        Assert.Equal(new DateTimeOffset(written) + TimeSpan.FromSeconds(2) + TimeSpan.FromMinutes(71), files.PreviousNeededUntil);
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

    /// <summary>An agent enrolled at <paramref name="host"/>, and a token it got there for a new uid.</summary>
    private static async Task<(TestAgent Agent, string Uid, string Token)> EnrolledWithTokenAsync(GatewayHost host)
    {
        var agent = TestAgent.New();
        using var client = host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();
        return (agent, uid, await agent.GetTokenAsync(client, uid));
    }

    private static string KidOf(string token) =>
        JsonDocument.Parse(B64.Decode(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    private static async Task<HttpStatusCode> ProofAsync(GatewayHost host, TestAgent agent, string token, string uid, long counter)
    {
        using var client = host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, counter));
        return response.StatusCode;
    }

    private static async Task<List<string>> PublishedAsync(GatewayHost host)
    {
        using var client = host.NewClient();
        using var jwks = JsonDocument.Parse(await client.GetStringAsync("/.well-known/smp/keys"));
        return jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();
    }
}
