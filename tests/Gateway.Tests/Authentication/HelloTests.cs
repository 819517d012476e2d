using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Authentication;

/// <summary>§7: the hello and its answers, and the challenge of a request without credentials.</summary>
public sealed class HelloTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Hello_EnrolledAgent_UnauthorizedWithTokenBoundToItsKey()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();

        string token = await agent.GetTokenAsync(client, uid);

        string[] parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        string header = B64.Decode(parts[0]), payload = B64.Decode(parts[1]);
        Assert.Contains("\"typ\":\"smp+jwt\"", header);
        Assert.Contains($"\"nonce\":{{\"uid\":\"{uid}\",\"ctr\":0}}", header);
        Assert.Contains($"\"sub\":\"{agent.AgentId}\"", payload);
        Assert.Contains($"\"aud\":\"{Host.Url}\"", payload);
        Assert.Contains($"\"cnf\":{{\"jkt\":\"{agent.Jkt}\"}}", payload);
    }

    [Fact]
    public async Task Hello_SameAgentAndUidAgain_SameToken()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();

        string first = await agent.GetTokenAsync(client, uid);
        string second = await agent.GetTokenAsync(client, uid);
        string other = await agent.GetTokenAsync(client, TestAgent.NewUid());

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Hello_SameUidAfterKeyReplaced_NewTokenBoundToTheNewKey()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        string uid = TestAgent.NewUid();
        string first = await agent.GetTokenAsync(client, uid);
        var rekeyed = new TestAgent(TestAgent.ForeignKey(1), agent.AgentId);
        Assert.True(await Host.Admin.ReplaceAgentKeyAsync(agent.AgentId, Smp.Gateway.Jose.RsaJwk.FromParameters(rekeyed.Key.ExportParameters(false))));

        string second = await rekeyed.GetTokenAsync(client, uid);
        string third = await rekeyed.GetTokenAsync(client, uid);

        Assert.NotEqual(first, second);
        Assert.Contains($"\"cnf\":{{\"jkt\":\"{rekeyed.Jkt}\"}}", B64.Decode(second.Split('.')[1]));
        Assert.Equal(second, third);
    }

    [Fact]
    public async Task Hello_UnknownAgent_UnauthorizedAgentUnknownWithoutToken()
    {
        using var client = Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, $"SMPToken agent=\"{Guid.NewGuid()}\", nonce=\"{TestAgent.NewUid()}\"");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("agent-unknown", Challenge.ErrorOf(response));
        Assert.Null(Challenge.TokenOf(response));
        Assert.Contains("SMPToken realm=\"SMP\"", Challenge.All(response));
    }

    [Fact]
    public async Task Hello_RevokedAgent_ForbiddenAgentRevoked()
    {
        var agent = TestAgent.New();
        using var client = Host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        await Host.Admin.RevokeAgentAsync(agent.AgentId);

        using var response = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("agent-revoked", Challenge.ErrorOf(response));
        Assert.Null(Challenge.TokenOf(response));
    }

    public static TheoryData<string> MalformedHellos => new()
    {
        "SMPToken agent=\"3F2504E0-4F89-11D3-9A0C-0305E82C3301\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\"",
        "SMPToken agent=\"not-a-guid\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\"",
        "SMPToken agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", nonce=\"short\"",
        "SMPToken agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA==\"",
        "SMPToken agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", nonce=\"" + new string('A', 65) + "\"",
        "SMPToken agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"",
        "SMPToken nonce=\"AAAAAAAAAAAAAAAAAAAAAA\"",
        "SMPToken agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\"",
        "SMPToken agent=\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\", nonce=\"AAAAAAAAAAAAAAAAAAAAAA\", realm=\"x\"",
        "SMPToken agent=3f2504e0-4f89-11d3-9a0c-0305e82c3301, nonce=\"AAAAAAAAAAAAAAAAAAAAAA\"",
        "SMPToken",
    };

    [Theory]
    [MemberData(nameof(MalformedHellos))]
    public async Task Hello_Malformed_UnauthorizedMalformedWithoutToken(string authorization)
    {
        using var client = Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("malformed", Challenge.ErrorOf(response));
        Assert.Null(Challenge.TokenOf(response));
    }

    [Fact]
    public async Task Request_NoCredentials_UnauthorizedWithRealmChallenge()
    {
        using var client = Host.NewClient();
        using var response = await client.GetAsync(Paths.Policies);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(response));
    }

    [Fact]
    public async Task Request_OtherScheme_UnauthorizedWithRealmChallenge()
    {
        using var client = Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Policies, "Digest username=\"agent\"");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(Challenge.ErrorOf(response));
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(response));
    }

    [Theory]
    [InlineData("Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==")]
    [InlineData("NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==")]
    [InlineData("negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg")]
    public async Task Request_WindowsSchemeOnTokenRoute_401WindowsNotAllowedWithRealmChallenge(string authorization)
    {
        using var client = Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Policies, authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("windows-not-allowed", Challenge.ErrorOf(response));
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(response));
    }
}
