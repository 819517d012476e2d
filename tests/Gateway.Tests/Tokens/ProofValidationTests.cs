using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Tokens;

/// <summary>
/// PROTOCOL.md §8 through a real gateway, the cases that need state first (a revoked agent or token, a proof
/// already used) and what a refusal must not do. The rows that one request answers: <see cref="ProofTableTests"/>.
/// </summary>
public sealed class ProofValidationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Validate_RevokedAgent_Forbidden()
    {
        var c = await NewCaseAsync();
        string proof = c.Proof();
        Assert.True(await c.Host.Admin.RevokeAgentAsync(c.Agent.AgentId));
        using var client = c.Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("agent-revoked", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Validate_RevokedToken_Forbidden()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        string jti = JsonDocument.Parse(B64.Decode(token.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;
        await c.Host.Admin.RevokeTokenAsync(jti);
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("token-revoked", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Validate_SameProofTwice_SecondIsReplay()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string proof = c.Agent.Proof(await c.Agent.GetTokenAsync(client, c.Uid), c.Uid, 1);
        using var first = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        using var second = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("replay", Challenge.ErrorOf(second));
    }

    [Fact]
    public async Task Validate_BadSignatureWithHighCounter_DoesNotMoveTheWindow()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        string forged = new TestAgent(TestAgent.ForeignKey(0), c.Agent.AgentId).Proof(token, c.Uid, 1000);
        using var refused = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + forged);
        using var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Validate_BadAgentSignature_DoesNotRevokeTheAgent()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        using var refused = await TestAgent.SendAsync(client, Paths.Echo, ProofTableCases.All["agent signature by another key"](c));
        using var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal("agent-signature-invalid", Challenge.ErrorOf(refused));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Request_TwoAuthorizationHeaders_BadRequestMalformed()
    {
        var c = await NewCaseAsync();
        // HttpClient folds repeated headers into one line, so this request is written by hand.
        var response = await RawHttp.SendAsync(c.Host.Url,
            $"GET {Paths.Echo} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SMPToken {c.Proof()}\r\nAuthorization: SMPToken {c.Proof(counter: 2)}\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("X-SMP-NSError: malformed", response);
    }

    private Task<ProofCase> NewCaseAsync() => ProofCase.NewAsync(fixture.Host);
}
