using System.Net;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Replay;

/// <summary>§9: the embedded registry does not survive a restart, so tokens issued before it are refused.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_TokenIssuedBefore_StaleEpochWithFreshTokenThatWorks()
    {
        using var data = new TempFolder();
        int port = FreePort.Next();
        var agent = TestAgent.New();
        string uid = TestAgent.NewUid();
        string token;
        await using (var before = await GatewayHost.StartAsync(dataDirectory: data.Path, port: port))
        {
            using var client = before.NewClient();
            (await agent.EnrollAsync(client)).Dispose();
            token = await agent.GetTokenAsync(client, uid);
            using var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await using var after = await GatewayHost.StartAsync(dataDirectory: data.Path, port: port);
        using var again = after.NewClient();

        // The very proof accepted before the restart, and a new counter on the old token: both refused.
        using var replayed = await TestAgent.SendAsync(again, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1));
        using var next = await TestAgent.SendAsync(again, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 2));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("stale-epoch", Challenge.ErrorOf(replayed));
        Assert.Equal("stale-epoch", Challenge.ErrorOf(next));

        string fresh = Challenge.TokenOf(next)!;
        Assert.NotEqual(token, fresh);
        using var recovered = await TestAgent.SendAsync(again, Paths.Echo, "SMPToken " + agent.Proof(fresh, uid, 1));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Restart_EnrolledAgentsAndSigningKey_Kept()
    {
        using var data = new TempFolder();
        var agent = TestAgent.New();
        string kid;
        await using (var before = await GatewayHost.StartAsync(dataDirectory: data.Path))
        {
            using var client = before.NewClient();
            (await agent.EnrollAsync(client)).Dispose();
            using var key = before.ReadSigningKey();
            kid = TokenForge.Kid(key);
        }

        await using var after = await GatewayHost.StartAsync(dataDirectory: data.Path);
        using var again = after.NewClient();
        using var key2 = after.ReadSigningKey();
        Assert.Equal(kid, TokenForge.Kid(key2));
        string uid = TestAgent.NewUid();
        using var response = await TestAgent.SendAsync(again, Paths.Echo, "SMPToken " + agent.Proof(await agent.GetTokenAsync(again, uid), uid, 1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _ = await ConnectionAuthenticationTests.EchoedAsync(response);
    }
}
