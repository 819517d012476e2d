using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 4: hellos are unauthenticated, so hellos naming an agent, from anyone, must not spend the
/// issuance budget the real agent needs. The attacker is 127.0.0.1, the real agent 127.0.0.2.
/// </summary>
public sealed class HelloLockoutTests
{
    [Fact]
    public async Task HellosForAnAgentFromElsewhere_RealAgentStillServedEveryTime()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:RateLimits:TokensPerAgentPerMinute"] = "3" });
        using var attacker = host.NewClient();
        var agent = TestAgent.New();
        (await agent.EnrollAsync(attacker)).Dispose();

        var attackerAnswers = new List<(HttpStatusCode, string?)>();
        var agentAnswers = new List<HttpStatusCode>();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 10; i++)
            {
                using var hello = await TestAgent.SendAsync(attacker, Paths.Echo, agent.Hello(TestAgent.NewUid()));
                attackerAnswers.Add((hello.StatusCode, Challenge.ErrorOf(hello)));
            }

            // A new connection each round, from the agent's own address: hello, then proof.
            using var real = SourceClient.Create(host.Url, "127.0.0.2");
            using var served = await agent.AuthenticateAsync(real);
            agentAnswers.Add(served.StatusCode);
        }

        Assert.All(agentAnswers, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(3, attackerAnswers.Count(a => a.Item1 == HttpStatusCode.Unauthorized));
        Assert.All(attackerAnswers.Skip(3), a => Assert.Equal((HttpStatusCode.TooManyRequests, "rate-limited"), a));
    }
}
