using System.Net;
using System.Text.Json;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Diagnostics;

/// <summary>
/// The log an administrator filters, read through a logger provider of the real host: each record in the
/// category named after the original system's filter, with the ids that group it, and never a credential.
/// </summary>
public sealed class LogCategoryTests
{
    private static readonly Dictionary<string, string?> Everything = new()
    {
        ["Logging:LogLevel:Smp.Gateway"] = "Debug",
        // The test output stays readable: the console keeps its own, higher level.
        ["Logging:Console:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task TwoStepAuthenticationAndReplay_RecordsInTheirCategories_NoCredentialLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(Everything, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        string proof = agent.Proof(token, uid, 1);
        using (var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var resumed = await TestAgent.SendAsync(client, Paths.Echo, null))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        using (var other = host.NewClient())
        using (var replayed = await TestAgent.SendAsync(other, Paths.Echo, "SMPToken " + proof))
        {
            Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        }

        string jti = JsonDocument.Parse(B64.Decode(token.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;

        var key = Assert.Single(logs.In("Smp.Gateway.ServerKeys"), r => r.EventId == 1);
        Assert.Equal("2048", key.Text("Bits"));

        var tokenRecords = logs.In("Smp.Gateway.Token");
        var issued = Assert.Single(tokenRecords, r => r.EventId == 10);
        Assert.Equal((agent.AgentId, jti), (issued.Text("AgentId"), issued.Text("Jti")));
        Assert.Equal(jti, Assert.Single(tokenRecords, r => r.EventId == 12).Text("Jti"));
        var refused = Assert.Single(tokenRecords, r => r.EventId == 13);
        Assert.Equal(("replay", "403", jti), (refused.Text("Code"), refused.Text("Status"), refused.Text("Jti")));

        // The registry's state after each check: counter 1 taken, highest 1, window bit 0 set; then the replay.
        var registry = logs.In("Smp.Gateway.Token.Registry").Where(r => r.EventId == 41).ToList();
        Assert.Equal(2, registry.Count);
        Assert.All(registry, r => Assert.Equal(jti, r.Text("Jti")));
        Assert.Equal(("1", "Accepted", "1", "1"), (registry[0].Text("Counter"), registry[0].Text("Decision"), registry[0].Text("Highest"), registry[0].Text("Window")));
        Assert.Equal("Replayed", registry[1].Text("Decision"));
        Assert.Contains("window 0000000000000001", registry[1].Message);

        // Enrollment, hello, proof and the resumed request on one connection; the replay on another.
        var requests = logs.In("Smp.Gateway.Request");
        var responses = logs.In("Smp.Gateway.Response");
        Assert.Equal(5, requests.Count);
        Assert.Equal(requests.Select(r => r.Text("RequestId")), responses.Select(r => r.Text("RequestId")));
        Assert.Single(requests.Take(4).Select(r => r.Text("ConnectionId")).Distinct());
        Assert.NotEqual(requests[0].Text("ConnectionId"), requests[4].Text("ConnectionId"));
        Assert.All(requests, r => Assert.StartsWith(r.Text("ConnectionId") + ":", r.Text("RequestId")));
        Assert.Equal(["201", "401", "200", "200", "403"], responses.Select(r => r.Text("Status")));
        Assert.Equal("replay", responses[4].Text("Code"));
        Assert.Contains("Authorization: SMPToken <" + proof.Length + " bytes withheld>", requests[2].Text("Headers"));
        Assert.Contains("X-SMP-Enrollment: <" + GatewayHost.Secret.Length + " bytes withheld>", requests[0].Text("Headers"));
        Assert.Contains("WWW-Authenticate: SMPToken <", responses[1].Text("Headers"));

        string signature = proof[(proof.LastIndexOf('.') + 1)..];
        string tokenSignature = token[(token.LastIndexOf('.') + 1)..];
        CapturingLoggerProvider.AssertNoCredential(logs.Records, [tokenSignature, signature, GatewayHost.Secret]);
    }

    [Fact]
    public async Task CategoryFilter_RegistryOffTokenOn_OnlyTokenRecords()
    {
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>(Everything) { ["Logging:LogLevel:Smp.Gateway.Token.Registry"] = "None" };
        await using var host = await GatewayHost.StartAsync(settings, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        using var response = await agent.AuthenticateAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Empty(logs.In("Smp.Gateway.Token.Registry"));
        Assert.Contains(logs.In("Smp.Gateway.Token"), r => r.EventId == 12);
    }

    [Fact]
    public async Task ConfigFile_RegistryLevelRaised_RecordsWithoutARestart()
    {
        using var folder = new TempFolder();
        string config = Path.Combine(folder.Path, "gateway.json");
        await File.WriteAllTextAsync(config, RegistryLevel("None"));
        var logs = new CapturingLoggerProvider();
        await using var host = await GatewayHost.StartAsync(Everything, args: ["--config", config], services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        (await agent.AuthenticateAsync(client)).Dispose();
        Assert.Empty(logs.In("Smp.Gateway.Token.Registry"));

        // As an administrator turns one category up on a running server: the file changes, the level follows.
        await File.WriteAllTextAsync(config, RegistryLevel("Debug"));
        await Eventually.TrueAsync(async () =>
        {
            using var other = host.NewClient();
            (await agent.AuthenticateAsync(other)).Dispose();
            return logs.In("Smp.Gateway.Token.Registry").Count > 0;
        });

        Assert.Contains(logs.In("Smp.Gateway.Token.Registry"), r => r.EventId == 41 && r.Text("Decision") == "Accepted");
    }

    [Fact]
    public async Task RequestLog_AtInformation_NothingRecorded()
    {
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?>(Everything) { ["Logging:LogLevel:Smp.Gateway"] = "Information" };
        await using var host = await GatewayHost.StartAsync(settings, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.NewClient();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Empty(logs.In("Smp.Gateway.Request"));
        Assert.Empty(logs.In("Smp.Gateway.Response"));
        Assert.Single(logs.In("Smp.Gateway.ServerKeys"), r => r.EventId == 1);
    }

    [Fact]
    public async Task SiteHello_TokenCacheRecords_MissThenHit()
    {
        var logs = new CapturingLoggerProvider();
        var settings = Sites.SiteHierarchy.FastSiteSettings();
        foreach (var (name, value) in Everything)
        {
            settings[name] = value;
        }

        await using var hierarchy = await Sites.SiteHierarchy.StartAsync(1, settings, siteServices: s => s.AddSingleton<ILoggerProvider>(logs));
        var agent = TestAgent.New();
        using (var issuer = hierarchy.Issuer.NewClient())
        {
            (await agent.EnrollAsync(issuer)).Dispose();
        }

        using var client = hierarchy.Sites[0].NewClient();
        string uid = TestAgent.NewUid();
        string first = await agent.GetTokenAsync(client, uid);
        Assert.Equal(first, await agent.GetTokenAsync(client, uid));

        var cache = logs.In("Smp.Gateway.Token.Cache");
        Assert.Equal(agent.AgentId, Assert.Single(cache, r => r.EventId == 69).Text("AgentId"));
        var fetched = Assert.Single(cache, r => r.EventId == 67);
        Assert.Equal(("1", "1"), (fetched.Text("Tokens"), fetched.Text("Requested")));
        var hit = Assert.Single(cache, r => r.EventId == 68);
        Assert.Equal((agent.AgentId, "token"), (hit.Text("AgentId"), hit.Text("Answer")));
        // The Site checked the Issuer's answer with the Issuer's keys, so it had fetched them.
        var keys = logs.In("Smp.Gateway.ServerKeys").First(r => r.EventId == 61);
        Assert.Contains("(2048 bits)", keys.Text("Keys"));
        CapturingLoggerProvider.AssertNoCredential(logs.Records, [first[(first.LastIndexOf('.') + 1)..]]);
    }

    private static string RegistryLevel(string level) =>
        "{\"Logging\":{\"LogLevel\":{\"Smp.Gateway.Token.Registry\":\"" + level + "\"}}}";
}
