using System.Net;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 items 2 and 3, PROTOCOL.md §12: header names compared as servers compare them (any case, '_' as '-'),
/// URL-rewrite headers stripped, and an anonymous call that carries nothing but <c>X-SMP-Auth: Anonymous</c>;
/// each seen from the legacy echo server behind the gateway.
/// </summary>
public sealed class HeaderAttackTests
{
    private static readonly string[] Forged =
    [
        "X_SMP_Identity", "x_smp_group", "X_SMP-Agent", "X-SMP_Auth", "X_smp_anything", "Remote_User", "REMOTE_USER", "X_Remote_User",
        "X_Forwarded_User", "x-forwarded_user", "X-Original-URL", "X_Original_URL", "X-Rewrite-URL", "x_rewrite_url", "X_Custom_Identity",
    ];

    [Fact]
    public async Task Forward_TokenCall_UnderscoreSpellingsAndRewriteHeadersStripped()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:Identity:StripHeaders:0"] = "X-Custom-Identity" });
        using var client = host.NewClient();
        var agent = await ConnectionAuthenticationTests.EnrolledAsync(host, client);

        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, 1), Forge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await ConnectionAuthenticationTests.EchoedAsync(response);
        Assert.Equal("_SMP_IUSR", seen["X-SMP-Identity"]);
        Assert.Equal("Token", seen["X-SMP-Auth"]);
        Assert.Equal(agent.AgentId, seen["X-SMP-Agent"]);
        Assert.Equal("kept", seen["X_Kept_Header"]);
        foreach (string name in Forged.Where(n => !n.Replace('_', '-').StartsWith("X-SMP-", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.False(seen.ContainsKey(name), name + " reached the server");
        }

        Assert.DoesNotContain(seen, h => h.Value.Contains("Administrator") || h.Key.Contains('_') && h.Key != "X_Kept_Header");
    }

    [Fact]
    public async Task Forward_AnonymousRoute_OnlyXSmpAuthAnonymous()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "Anonymous",
            ["Gateway:Identity:StripHeaders:0"] = "X-Custom-Identity",
        });
        using var client = host.NewClient();

        using var response = await TestAgent.SendAsync(client, Paths.Echo, "Basic YWNjOnBhc3N3b3Jk", Forge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await ConnectionAuthenticationTests.EchoedAsync(response);
        Assert.Equal("Anonymous", seen["X-SMP-Auth"]);
        var identityHeaders = seen.Keys.Where(k => k.Replace('_', '-').StartsWith("X-SMP-", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(["X-SMP-Auth"], identityHeaders);
        Assert.False(seen.ContainsKey("Authorization"), "credentials reached the server");
        Assert.DoesNotContain(seen.Values, v => v.Contains("Administrator") || v.Contains("_SMP_"));
    }

    private static void Forge(HttpRequestMessage request)
    {
        foreach (string name in Forged)
        {
            request.Headers.TryAddWithoutValidation(name, name.Contains("URL", StringComparison.OrdinalIgnoreCase) ? "/Altiris/NS/Admin/Administrator.aspx" : "Administrator");
        }

        request.Headers.TryAddWithoutValidation("X_Kept_Header", "kept");
    }
}
