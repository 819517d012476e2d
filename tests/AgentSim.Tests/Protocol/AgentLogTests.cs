using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Protocol;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Protocol;

/// <summary>What the agent's log says at each step of the protocol, and that it never says a credential.</summary>
[Collection(KeysCollection.Name)]
public sealed class AgentLogTests(KeyFixture keys)
{
    private const string Storage = AgentLogCategories.TokenStorage;
    private const string Network = AgentLogCategories.NetworkOperation;
    private const string ServerKeys = AgentLogCategories.ServerKeys;

    [Fact]
    public async Task SmpTokenHandler_HelloProofOneStepThenForbidden_LogsEachStepWithoutCredentials()
    {
        string url = LoopbackPort.FreeUrl();
        var gateway = new FakeGateway(new FakeIssuer(keys.ServerKey));
        await using WebApplication server = await FakeGatewayServer.StartAsync(gateway, url);
        var capture = new CapturingLoggerProvider();
        using ILoggerFactory loggers = capture.CreateFactory();
        AgentIdentity agent = keys.Agents[0];
        var origin = new Uri(url);
        using var plain = new HttpClient();
        EnrollmentResult enrollment = await new EnrollmentClient(plain, loggers).EnrollAsync(origin, "secret", agent);
        using ServerKeySet serverKeys = enrollment.ServerKeys;
        var store = new TokenStore(loggers);
        using HttpClient client = SmpAgentClient.Create(agent, store, serverKeys, TimeProvider.System, loggerFactory: loggers);
        var page = new Uri(origin, "/Altiris/NS/Agent/GetClientPolicies.aspx?resource=1");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        IssuedToken token = store.For(origin).Token!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        gateway.Revoke(agent.AgentId);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(page)).StatusCode);

        IReadOnlyList<CapturedLog> records = capture.Records;
        Assert.Equal(
            [
                (ServerKeys, 110), (ServerKeys, 112),
                (Network, 120), (Storage, 100), (Network, 120),
                (Storage, 103), (Network, 120),
                (Storage, 103), (Network, 120), (Storage, 104),
            ],
            records.Select(r => (r.Category, r.EventId)));
        CapturedLog[] requests = records.Where(r => r.EventId == 120).ToArray();
        Assert.Equal(["hello", "proof", "proof", "proof"], requests.Select(r => (string?)r["Credential"]));
        Assert.Equal([401, 200, 200, 403], requests.Select(r => (int)r["Status"]!));
        Assert.Equal(["-", "-", "-", "agent-revoked"], requests.Select(r => (string?)r["NsError"]));
        Assert.All(requests, r => Assert.Equal(url + "/Altiris/NS/Agent/GetClientPolicies.aspx", r["Url"]));
        Assert.All(requests, r => Assert.Equal(LogLevel.Debug, r.Level));

        CapturedLog stored = records.Single(r => r.EventId == 100);
        Assert.Equal(LogLevel.Information, stored.Level);
        Assert.Equal(token.Jti, stored["Jti"]);
        Assert.Equal(url, stored["Origin"]);
        Assert.Equal(agent.AgentId, stored["AgentId"]);
        Assert.Equal(gateway.Issuer.Kid, stored["Kid"]);
        Assert.Equal(token.ExpiresAt, stored["ExpiresAt"]);
        Assert.Contains($"token {token.Jti} stored for {url}", stored.Message, StringComparison.Ordinal);
        Assert.Equal([2L, 3L], records.Where(r => r.EventId == 103).Select(r => (long)r["Counter"]!));
        CapturedLog discarded = records.Single(r => r.EventId == 104);
        Assert.Equal((token.Jti, url, "agent-revoked"), (discarded["Jti"], discarded["Origin"], discarded["NsError"]));
        Assert.Equal([gateway.Issuer.Kid], records.Where(r => r.EventId == 110).Select(r => (string?)r["Kid"]));
        Assert.Null(store.For(origin).Token);

        string[] proofs = gateway.Authorizations.OfType<string>().Where(a => a.Split('.').Length == 5)
            .Select(a => a["SMPToken ".Length..]).ToArray();
        Assert.Equal(3, proofs.Length);
        CapturingLoggerProvider.AssertNoCredential(records, [token.Text, .. proofs, .. proofs.SelectMany(p => new[] { p.Split('.')[2], p.Split('.')[4] })]);
    }

    [Fact]
    public async Task SmpTokenHandler_UnauthorizedWithFreshToken_LogsReplacementAndFreshToken()
    {
        var capture = new CapturingLoggerProvider();
        using ILoggerFactory loggers = capture.CreateFactory();
        using var fixture = new InMemoryAgent(keys, loggers: loggers);
        await fixture.GetAsync();
        string oldJti = fixture.Credential.Token!.Jti;
        string fresh = new FakeIssuer(keys.ServerKey).Token(fixture.Agent, fixture.Credential.Uid, jti: "fresh-jti");
        fixture.Fake.NextProofAnswer = new FakeAnswer(401, "stale-epoch", fresh);

        await fixture.GetAsync();

        CapturedLog[] storage = capture.Records.Where(r => r.Category == Storage).ToArray();
        Assert.Equal([100, 103, 101, 105], storage.Select(r => r.EventId));
        Assert.Equal(("fresh-jti", oldJti), (storage[2]["Jti"], storage[2]["OldJti"]));
        Assert.Equal(("fresh-jti", "stale-epoch", TokenStore.Origin(InMemoryAgent.Gateway)), (storage[3]["Jti"], storage[3]["NsError"], storage[3]["Origin"]));
        CapturingLoggerProvider.AssertNoCredential(capture.Records, [fresh, fresh.Split('.')[2]]);
    }

    [Fact]
    public async Task SmpTokenHandler_ChallengeWithBadServerSignature_WarnsAndStoresNothing()
    {
        var capture = new CapturingLoggerProvider();
        using ILoggerFactory loggers = capture.CreateFactory();
        using var fixture = new InMemoryAgent(keys, loggers: loggers);
        string? tampered = null;
        fixture.Fake.TamperChallenge = token => tampered = FakeIssuer.TamperSignature(token);

        await fixture.GetAsync();

        CapturedLog refused = Assert.Single(capture.Records, r => r.Category == Storage);
        Assert.Equal((106, LogLevel.Warning), (refused.EventId, refused.Level));
        Assert.Equal((TokenRejection.ServerSignatureInvalid, fixture.Agent.AgentId), (refused["Rejection"], refused["AgentId"]));
        CapturingLoggerProvider.AssertNoCredential(capture.Records, [tampered!, tampered!.Split('.')[2]]);
    }
}
