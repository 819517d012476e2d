using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>ATTACKS.md section E through a real gateway: each counter of each token is accepted once.</summary>
public sealed class RegistryAttackTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A38_SameProofTwice_SecondReplay()
    {
        var (c, client, token) = await IssuedAsync();
        var statuses = await SendAsync(client, c.Agent.Proof(token, c.Uid, 1), c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal(new[] { 200, 403 }, statuses);
    }

    [Fact]
    public async Task A39_SameCounterSpelledOtherwise_Replay()
    {
        var (c, client, token) = await IssuedAsync();
        // The agent itself re-serializes and re-signs: the decoded (uid, ctr) is what counts.
        string first = c.Agent.ProofWithNonce(token, $"{{\"uid\":\"{c.Uid}\",\"ctr\":7}}");
        string second = c.Agent.ProofWithNonce(token, $"{{ \"ctr\" : 7, \"uid\" : \"{c.Uid}\" }}");
        string third = c.Agent.ProofWithNonce(token, $"{{\"uid\":\"{c.Uid}\",\"ctr\":7.0}}");
        using var a = await Send(client, first);
        using var b = await Send(client, second);
        using var d = await Send(client, third);
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal("replay", Challenge.ErrorOf(b));
        Assert.Equal("malformed", Challenge.ErrorOf(d));
    }

    [Fact]
    public async Task A40_CountersOutOfOrder_AcceptedOnceEach()
    {
        var (c, client, token) = await IssuedAsync();
        var statuses = await SendAsync(client, [.. new long[] { 10, 8, 9, 8 }.Select(n => c.Agent.Proof(token, c.Uid, n))]);
        Assert.Equal(new[] { 200, 200, 200, 403 }, statuses);
    }

    [Fact]
    public async Task A41_WindowBoundary_OldestInsideAcceptedOutsideRefused()
    {
        var (c, client, token) = await IssuedAsync();
        var statuses = await SendAsync(client, [.. new long[] { 100, 37, 36 }.Select(n => c.Agent.Proof(token, c.Uid, n))]);
        Assert.Equal(new[] { 200, 200, 403 }, statuses);
    }

    [Fact]
    public async Task A42_HugeJumps_AcceptedOnceAndWindowCleared()
    {
        var (c, client, token) = await IssuedAsync();
        var statuses = await SendAsync(client, [.. new long[] { 5, 1_000_005, 5, 9_007_199_254_740_991, 9_007_199_254_740_991 }.Select(n => c.Agent.Proof(token, c.Uid, n))]);
        Assert.Equal(new[] { 200, 200, 403, 200, 403 }, statuses);
    }

    [Fact]
    public async Task A43_BadSignatureWithHighCounter_WindowDoesNotMove()
    {
        var (c, client, token) = await IssuedAsync();
        string forged = new TestAgent(TestAgent.ForeignKey(0), c.Agent.AgentId).Proof(token, c.Uid, 1000);
        var statuses = await SendAsync(client, forged, c.Agent.Proof(token, c.Uid, 1), c.Agent.Proof(token, c.Uid, 2));
        Assert.Equal(new[] { 403, 200, 200 }, statuses);
    }

    [Fact]
    public async Task A46_RevokedAgentValidToken_ForbiddenAndCounterUnused()
    {
        var (c, client, token) = await IssuedAsync();
        await c.Host.Admin.RevokeAgentAsync(c.Agent.AgentId);
        using var refused = await Send(client, c.Agent.Proof(token, c.Uid, 1));
        await c.Host.Admin.ReinstateAgentAsync(c.Agent.AgentId);
        using var accepted = await Send(client, c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal("agent-revoked", Challenge.ErrorOf(refused));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private async Task<(ProofCase Case, HttpClient Client, string Token)> IssuedAsync()
    {
        var c = await ProofCase.NewAsync(fixture.Host);
        var client = c.Host.NewClient();
        return (c, client, await c.Agent.GetTokenAsync(client, c.Uid));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string proof) => TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);

    private static async Task<int[]> SendAsync(HttpClient client, params string[] proofs)
    {
        var statuses = new List<int>();
        foreach (string proof in proofs)
        {
            using var response = await Send(client, proof);
            statuses.Add((int)response.StatusCode);
        }

        return [.. statuses];
    }
}
