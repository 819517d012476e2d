using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 5: one client that spends one proof per token cannot fill the embedded replay registry
/// and so refuse everyone's new tokens (503). Its share (per agent key, per address) fills, it gets 429
/// rate-limited, and an agent elsewhere (127.0.0.2) is served. On a registry without quotas the loops
/// below run until the whole registry is full and refuse with 503.
/// </summary>
public sealed class RegistryQuotaTests
{
    [Fact]
    public async Task ManyIdsOnOneKey_OverTheKeyQuota429_OtherAgentsServed()
    {
        await using var host = await GatewayHost.StartAsync(Settings(perKey: 5, perSource: 100_000));
        using var attacker = host.NewClient();
        var key = TestAgent.ForeignKey(0);

        var (served, refused) = await FillAsync(attacker, () => new TestAgent(key));
        using var response = await ElsewhereAsync(host);

        Assert.Equal(5, served);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate-limited"), (refused.StatusCode, Challenge.ErrorOf(refused)));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ManyKeysFromOneAddress_OverTheSourceQuota429_OtherAddressesServed()
    {
        await using var host = await GatewayHost.StartAsync(Settings(perKey: 100_000, perSource: 8));
        using var attacker = host.NewClient();

        var (served, refused) = await FillAsync(attacker, TestAgent.New);
        using var response = await ElsewhereAsync(host);

        Assert.Equal(8, served);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate-limited"), (refused.StatusCode, Challenge.ErrorOf(refused)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Dictionary<string, string?> Settings(int perKey, int perSource) => new()
    {
        ["Gateway:Replay:MaxEntries"] = "1000",
        ["Gateway:Replay:MaxEntriesPerKey"] = perKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:Replay:MaxEntriesPerSource"] = perSource.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An honest agent at another address: enrolls, says hello and sends its first proof.</summary>
    private static async Task<HttpResponseMessage> ElsewhereAsync(GatewayHost host)
    {
        using var other = SourceClient.Create(host.Url, "127.0.0.2");
        var honest = TestAgent.New();
        (await honest.EnrollAsync(other)).Dispose();
        return await honest.AuthenticateAsync(other);
    }

    /// <summary>Enrolls a new id and spends one proof of a new token, until a proof is refused; the count served and the refusal.</summary>
    private static async Task<(int Served, HttpResponseMessage Refused)> FillAsync(HttpClient client, Func<TestAgent> next)
    {
        for (int served = 0; ; served++)
        {
            var agent = next();
            (await agent.EnrollAsync(client)).Dispose();
            var response = await agent.AuthenticateAsync(client);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (served, response);
            }

            response.Dispose();
        }
    }
}
