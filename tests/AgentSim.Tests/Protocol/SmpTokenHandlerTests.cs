using System.Net;
using Smp.AgentSim.Protocol;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Protocol;

[Collection(KeysCollection.Name)]
public sealed class SmpTokenHandlerTests(KeyFixture keys)
{
    [Fact]
    public async Task SendAsync_NoToken_SendsHelloThenProof()
    {
        using var fixture = new InMemoryAgent(keys);

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        Assert.Equal(2, exchange.RoundTrips);
        string?[] sent = fixture.Fake.Authorizations.ToArray();
        Assert.Equal($"SMPToken agent=\"{fixture.Agent.AgentId}\", nonce=\"{fixture.Credential.Uid}\"", sent[0]);
        Assert.Equal(5, sent[1]!["SMPToken ".Length..].Split('.').Length);
    }

    [Fact]
    public async Task SendAsync_TokenHeld_SendsProofAtOnce()
    {
        using var fixture = new InMemoryAgent(keys);
        await fixture.GetAsync();

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        Assert.Equal(1, exchange.RoundTrips);
        Assert.Equal(2, fixture.Credential.Counter);
    }

    [Theory]
    [InlineData("signature", nameof(TokenRejection.ServerSignatureInvalid))]
    [InlineData("uid", nameof(TokenRejection.UidMismatch))]
    public async Task SendAsync_ChallengeFailingChecks_TokenNotStored(string fault, string expected)
    {
        using var fixture = new InMemoryAgent(keys);
        var issuer = new FakeIssuer(keys.ServerKey);
        fixture.Fake.TamperChallenge = fault == "uid"
            ? _ => issuer.Token(fixture.Agent, "DDDDDDDDDDDDDDDDDDDDDD")
            : FakeIssuer.TamperSignature;

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, exchange.Status);
        Assert.Equal(1, exchange.RoundTrips);
        Assert.Equal(expected, exchange.Rejection.ToString());
        Assert.Null(fixture.Credential.Token);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("key-mismatch")]
    [InlineData("agent-revoked")]
    public async Task SendAsync_ForbiddenAfterProof_DiscardsTokenAndUid(string code)
    {
        using var fixture = new InMemoryAgent(keys);
        await fixture.GetAsync();
        string uid = fixture.Credential.Uid;
        fixture.Fake.NextProofAnswer = new FakeAnswer(403, code);

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.Forbidden, exchange.Status);
        Assert.Equal(code, exchange.NsError);
        Assert.Equal(1, exchange.RoundTrips);
        Assert.True(exchange.DiscardedToken);
        Assert.Null(fixture.Credential.Token);
        Assert.NotEqual(uid, fixture.Credential.Uid);
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableAfterProof_NextRequestSendsTheNextCounterNeverTheSameProof()
    {
        using var fixture = new InMemoryAgent(keys);
        await fixture.GetAsync();
        fixture.Fake.NextProofAnswer = new FakeAnswer(503, "registry-unavailable");

        SmpExchange refused = await fixture.GetAsync();
        SmpExchange next = await fixture.GetAsync();

        // A 503 may come after the registry spent the counter (its script ran once Redis woke up): the token is
        // kept, and the next request carries a new counter, so no proof is ever sent twice.
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "registry-unavailable"), (refused.Status, refused.NsError));
        Assert.False(refused.DiscardedToken);
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Equal(1, next.RoundTrips);
        string?[] proofs = fixture.Fake.Authorizations.Skip(1).ToArray();
        Assert.Equal(3, proofs.Length);
        Assert.Equal(3, proofs.Distinct().Count());
        Assert.Equal(3, fixture.Credential.Counter);
    }

    [Fact]
    public async Task SendAsync_UnauthorizedWithFreshToken_RetriesOnceWithProof()
    {
        using var fixture = new InMemoryAgent(keys);
        await fixture.GetAsync();
        string fresh = new FakeIssuer(keys.ServerKey).Token(fixture.Agent, fixture.Credential.Uid, jti: "fresh");
        fixture.Fake.NextProofAnswer = new FakeAnswer(401, "stale-epoch", fresh);

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        Assert.Equal(2, exchange.RoundTrips);
        Assert.Equal("fresh", fixture.Credential.Token!.Jti);
    }

    [Fact]
    public async Task SendAsync_ReuseConnection_LaterRequestsCarryNoAuthorization()
    {
        using var fixture = new InMemoryAgent(keys, reuseConnection: true);
        await fixture.GetAsync();

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        Assert.Equal(SmpCredentialKind.Connection, exchange.LastCredential);
        Assert.Null(fixture.Fake.Authorizations.Last());
    }

    [Fact]
    public async Task SendAsync_ReuseConnectionOnNewConnection_ReauthenticatesInOneStep()
    {
        using var fixture = new InMemoryAgent(keys, reuseConnection: true);
        await fixture.GetAsync();
        fixture.Inner.ConnectionId = "connection-2";

        SmpExchange exchange = await fixture.GetAsync();

        Assert.Equal(HttpStatusCode.OK, exchange.Status);
        Assert.Equal(2, exchange.RoundTrips);
        Assert.Equal(SmpCredentialKind.Proof, exchange.LastCredential);
    }

    [Fact]
    public async Task SendAsync_StreamedContentWithoutToken_IsNotRetried()
    {
        using var fixture = new InMemoryAgent(keys);
        using var request = new HttpRequestMessage(HttpMethod.Post, InMemoryAgent.Gateway) { Content = new StreamContent(new MemoryStream([1, 2, 3])) };

        using HttpResponseMessage response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, SmpExchange.Of(response)!.RoundTrips);
        Assert.NotNull(fixture.Credential.Token);
    }
}
