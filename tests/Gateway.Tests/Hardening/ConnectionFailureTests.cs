using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 6 (§7), on one keep-alive connection: any failed credential ends the connection's
/// authentication, and a connection whose authentication ended (agent revoked, token expired) is refused
/// with that code, never a bare 401. The legacy route takes tokens or ACC; the policies route tokens only.
/// </summary>
public sealed class ConnectionFailureTests
{
    private const string User = @"EXAMPLE\svc-acc", Password = "correct horse battery staple";

    public static TheoryData<string, string, int, string?> FailedCredentials => new()
    {
        { "bad Bearer", Paths.Policies, 401, "credentials-invalid" },
        { "wrong ACC password", Paths.Echo, 401, "credentials-invalid" },
        { "Basic on a Token route", Paths.Policies, 401, null },
        { "Negotiate", Paths.Policies, 401, "windows-not-allowed" },
    };

    [Theory]
    [MemberData(nameof(FailedCredentials))]
    public async Task AuthenticatedConnection_FailedCredential_EndsItsAuthentication(string credential, string path, int status, string? code)
    {
        await using var host = await GatewayHost.StartAsync(Settings());
        using var connection = await AuthenticatedAsync(host);
        string authorization = credential switch
        {
            "bad Bearer" => "Bearer smpll_not-a-token",
            "wrong ACC password" or "Basic on a Token route" => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(User + ":wrong")),
            _ => "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg",
        };

        var failed = await connection.GetAsync(path, "Authorization: " + authorization);
        var after = await connection.GetAsync(Paths.Policies);

        Assert.Equal((status, code), (failed.Status, failed.Error));
        Assert.Equal(401, after.Status);
        Assert.DoesNotContain("X-SMP-Agent", after.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/public/..%5cX", "", "malformed")]
    [InlineData(Paths.Echo, "Connection: Upgrade\r\nUpgrade: websocket", "upgrade-not-allowed")]
    public async Task AuthenticatedConnection_400_EndsItsAuthentication(string path, string headers, string code)
    {
        await using var host = await GatewayHost.StartAsync(Settings());
        using var connection = await AuthenticatedAsync(host);

        var refused = await connection.GetAsync(path, headers.Length == 0 ? [] : headers.Split("\r\n"));
        var after = await connection.GetAsync(Paths.Policies);

        Assert.Equal((400, code), (refused.Status, refused.Error));
        Assert.Equal((401, (string?)null), (after.Status, after.Error));
    }

    [Fact]
    public async Task AuthenticatedConnection_AgentRevoked_403AgentRevokedOnEveryLaterRequest()
    {
        await using var host = await GatewayHost.StartAsync(Settings());
        var agent = TestAgent.New();
        using var connection = await AuthenticatedAsync(host, agent);

        await host.Admin.RevokeAgentAsync(agent.AgentId);
        var first = await connection.GetAsync(Paths.Policies);
        await host.Admin.ReinstateAgentAsync(agent.AgentId);
        var second = await connection.GetAsync(Paths.Echo);

        Assert.Equal((403, "agent-revoked"), (first.Status, first.Error));
        Assert.Equal((403, "agent-revoked"), (second.Status, second.Error));
    }

    [Fact]
    public async Task AuthenticatedConnection_TokenExpired_401Expired()
    {
        var clock = new ShiftedClock();
        await using var host = await GatewayHost.StartAsync(Settings(), services: s => s.AddSingleton<TimeProvider>(clock));
        using var connection = await AuthenticatedAsync(host);

        clock.Offset = TimeSpan.FromHours(9);
        var refused = await connection.GetAsync(Paths.Policies);

        Assert.Equal((401, "expired"), (refused.Status, refused.Error));
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "TokenOrAcc",
        ["ReverseProxy:Routes:policies:ClusterId"] = "legacy",
        ["ReverseProxy:Routes:policies:Match:Path"] = Paths.Policies,
        ["ReverseProxy:Routes:policies:Metadata:SmpAuth"] = "Token",
        ["Gateway:Acc:Accounts:0:User"] = User,
        ["Gateway:Acc:Accounts:0:PasswordHash"] = PasswordHash.Create(Password, 10_000),
        ["Gateway:Acc:AllowPlainHttp"] = "true",
    };

    /// <summary>A connection on which a proof was accepted and a later request without credentials served.</summary>
    private static async Task<RawConnection> AuthenticatedAsync(GatewayHost host, TestAgent? agent = null)
    {
        agent ??= TestAgent.New();
        using (var client = host.NewClient())
        {
            (await agent.EnrollAsync(client)).Dispose();
        }

        var connection = await RawConnection.OpenAsync(host.Url);
        string uid = TestAgent.NewUid();
        var hello = await connection.GetAsync(Paths.Policies, "Authorization: " + agent.Hello(uid));
        string token = hello.Header("WWW-Authenticate")!.Split('"')[1];
        var proof = await connection.GetAsync(Paths.Policies, "Authorization: SMPToken " + agent.Proof(token, uid, 1));
        var resumed = await connection.GetAsync(Paths.Echo);
        Assert.Equal((200, 200), (proof.Status, resumed.Status));
        Assert.Contains(agent.AgentId, resumed.Body);
        return connection;
    }
}
