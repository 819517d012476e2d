using System.Net;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>§10: agents enrolled at the Issuer authenticate at two Sites with tokens the Sites fetch from it.</summary>
public sealed class SiteAuthenticationTests(SiteHierarchyFixture fixture) : IClassFixture<SiteHierarchyFixture>
{
    private readonly SiteHierarchy _hierarchy = fixture.Hierarchy;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task HelloThenProof_AtSite_ForwardedWithTheSiteAudience(int site)
    {
        var agent = await EnrolledAgentAsync();
        var host = _hierarchy.Sites[site];
        using var client = host.NewClient();
        string uid = TestAgent.NewUid();

        string token = await agent.GetTokenAsync(client, uid);
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"aud\":\"{host.Url}\"", B64.Decode(token.Split('.')[1]));
        Assert.Equal(agent.AgentId, (await ConnectionAuthenticationTests.EchoedAsync(response))["X-SMP-Agent"]);
    }

    [Fact]
    public async Task Proof_TokenOfTheOtherSite_401AudienceMismatchWithAFreshTokenThatWorks()
    {
        var agent = await EnrolledAgentAsync();
        using var a = _hierarchy.Sites[0].NewClient();
        using var b = _hierarchy.Sites[1].NewClient();
        string uid = TestAgent.NewUid();
        string tokenOfA = await agent.GetTokenAsync(a, uid);

        using var refused = await TestAgent.SendAsync(b, Paths.Echo, "SMPToken " + agent.Proof(tokenOfA, uid, 1));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("audience-mismatch", Challenge.ErrorOf(refused));

        string fresh = Challenge.TokenOf(refused)!;
        using var accepted = await TestAgent.SendAsync(b, Paths.Echo, "SMPToken " + agent.Proof(fresh, uid, 1));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Hello_Repeated_AnsweredFromTheCacheWithoutIssuerCall()
    {
        var agent = await EnrolledAgentAsync();
        using var client = _hierarchy.Sites[0].NewClient();
        string uid = TestAgent.NewUid();
        string first = await agent.GetTokenAsync(client, uid);
        long calls = SiteHierarchy.Metrics(_hierarchy.Issuer).SiteCallsReceived;

        string again = await agent.GetTokenAsync(client, uid);

        Assert.Equal(first, again);
        Assert.Equal(calls, SiteHierarchy.Metrics(_hierarchy.Issuer).SiteCallsReceived);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Unauthorized, "agent-unknown")]
    [InlineData(true, HttpStatusCode.Forbidden, "agent-revoked")]
    public async Task Hello_AgentTheIssuerRefuses_RefusedWithItsCodeAndNoToken(bool enrolledThenRevoked, HttpStatusCode status, string code)
    {
        var agent = enrolledThenRevoked ? await EnrolledAgentAsync() : TestAgent.New();
        if (enrolledThenRevoked)
        {
            Assert.True(await _hierarchy.Issuer.Admin.RevokeAgentAsync(agent.AgentId));
        }

        using var client = _hierarchy.Sites[1].NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, Challenge.ErrorOf(response));
        Assert.Null(Challenge.TokenOf(response));
    }

    [Fact]
    public async Task Enroll_AtASite_404EnrollAtIssuer()
    {
        using var client = _hierarchy.Sites[0].NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(TestAgent.New().EnrollmentBody()) };
        request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("enroll-at-issuer", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task SiteRestart_TokenIssuedBefore_StaleEpochThenAFreshTokenThatWorks()
    {
        var agent = await EnrolledAgentAsync();
        string uid = TestAgent.NewUid();
        string token;
        using (var before = _hierarchy.Sites[0].NewClient())
        {
            token = await agent.GetTokenAsync(before, uid);
            using var accepted = await TestAgent.SendAsync(before, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await _hierarchy.RestartSiteAsync(0);
        using var after = _hierarchy.Sites[0].NewClient();
        using var stale = await TestAgent.SendAsync(after, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 2));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal("stale-epoch", Challenge.ErrorOf(stale));

        // The same uid again: the Issuer signs anew, so the Site never gets its pre-restart token back.
        string fresh = Challenge.TokenOf(stale)!;
        Assert.NotEqual(token, fresh);
        using var recovered = await TestAgent.SendAsync(after, Paths.Echo, "SMPToken " + agent.Proof(fresh, uid, 1));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    private async Task<TestAgent> EnrolledAgentAsync()
    {
        var agent = TestAgent.New();
        using var issuer = _hierarchy.Issuer.NewClient();
        (await agent.EnrollAsync(issuer)).Dispose();
        return agent;
    }
}
