using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>Hellos cannot make the gateway sign without bound, nor enrollments flood the store (Gateway:RateLimits).</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Hello_OverTheAgentLimit_TooManyRequestsButHeldTokensStillFree()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:RateLimits:TokensPerAgentPerMinute"] = "3" });
        using var client = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(client)).Dispose();
        string firstUid = TestAgent.NewUid();
        string first = await agent.GetTokenAsync(client, firstUid);
        await agent.GetTokenAsync(client, TestAgent.NewUid());
        await agent.GetTokenAsync(client, TestAgent.NewUid());

        using var refused = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
        string again = await agent.GetTokenAsync(client, firstUid);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate-limited", Challenge.ErrorOf(refused));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Null(Challenge.TokenOf(refused));
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Hello_OverTheSourceLimit_TooManyRequests()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:RateLimits:TokensPerSourcePerMinute"] = "4" });
        using var client = host.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            var agent = TestAgent.New();
            (await agent.EnrollAsync(client)).Dispose();
            using var response = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Enroll_OverTheSourceLimit_TooManyRequests()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:RateLimits:EnrollmentsPerSourcePerMinute"] = "2" });
        using var client = host.NewClient();
        (await TestAgent.New().EnrollAsync(client)).Dispose();
        (await TestAgent.New().EnrollAsync(client)).Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(TestAgent.New().EnrollmentBody()) };
        request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("rate-limited", Challenge.ErrorOf(response));
    }
}
