using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Routing;

/// <summary>Per-route authentication modes, and their reload without a restart.</summary>
public sealed class RouteModeTests
{
    private const string AccUser = @"EXAMPLE\svc-acc";
    private const string AccPassword = "correct horse battery staple";

    [Fact]
    public async Task Route_ModeChangedInConfigFile_TakesEffectWithoutRestart()
    {
        using var folder = new TempFolder();
        string config = Path.Combine(folder.Path, "gateway.json");
        await File.WriteAllTextAsync(config, RouteConfig("Token"));
        await using var host = await GatewayHost.StartAsync(args: ["--config", config]);
        using var client = host.NewClient();

        using (var before = await client.GetAsync(Paths.TaskServers))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        await File.WriteAllTextAsync(config, RouteConfig("Anonymous"));
        var after = await EventuallyAsync(client, Paths.TaskServers, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task Route_UnknownModeOnReload_PreviousRoutesKept()
    {
        using var folder = new TempFolder();
        string config = Path.Combine(folder.Path, "gateway.json");
        await File.WriteAllTextAsync(config, RouteConfig("Anonymous"));
        await using var host = await GatewayHost.StartAsync(args: ["--config", config]);
        using var client = host.NewClient();

        await File.WriteAllTextAsync(config, RouteConfig("Sometimes"));
        await Task.Delay(1500);

        using var response = await client.GetAsync(Paths.TaskServers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Route_UnknownModeAtStart_StartStopsNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = "Sometimes",
        }));
        Assert.Contains("ReverseProxy:Routes:legacy:Metadata:SmpAuth", error.ToString());
    }

    [Fact]
    public async Task Route_TokenOrAcc_OffersBothAndAcceptsEither()
    {
        await using var host = await GatewayHost.StartAsync(AccRoute("TokenOrAcc"));
        using var client = host.NewClient();

        using var bare = await client.GetAsync(Paths.Echo);
        Assert.Equal(["SMPToken realm=\"SMP\"", "Basic realm=\"SMP\""], Challenge.All(bare));

        using var acc = await TestAgent.SendAsync(client, Paths.Echo, Basic(AccPassword));
        Assert.Equal(HttpStatusCode.OK, acc.StatusCode);
        var seen = await ConnectionAuthenticationTests.EchoedAsync(acc);
        Assert.Equal("ACC", seen["X-SMP-Auth"]);
        Assert.Equal(AccUser, seen["X-SMP-Identity"]);
        Assert.False(seen.ContainsKey("Authorization"));

        var agent = await ConnectionAuthenticationTests.EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        using var token = await TestAgent.SendAsync(host.NewClient(), Paths.Echo, "SMPToken " + agent.Proof(await agent.GetTokenAsync(client, uid), uid, 1));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Route_TokenOrAcc_WrongPasswordRefused()
    {
        await using var host = await GatewayHost.StartAsync(AccRoute("TokenOrAcc"));
        using var client = host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, Basic("stale password"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("credentials-invalid", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Route_TokenOnly_BasicIsNotADowngrade()
    {
        await using var host = await GatewayHost.StartAsync(AccRoute("Token"));
        using var client = host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, Basic(AccPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(response));
    }

    [Fact]
    public async Task Route_Acc_WithoutCredentialsAccRequired()
    {
        await using var host = await GatewayHost.StartAsync(AccRoute("Acc"));
        using var client = host.NewClient();
        using var response = await client.GetAsync(Paths.Echo);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("acc-required", Challenge.ErrorOf(response));
        Assert.Contains("Basic realm=\"SMP\"", Challenge.All(response));
    }

    [Fact]
    public async Task Route_AccOverPlainHttpNotAllowed_Refused()
    {
        var settings = AccRoute("TokenOrAcc");
        settings["Gateway:Acc:AllowPlainHttp"] = "false";
        await using var host = await GatewayHost.StartAsync(settings);
        using var client = host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, Basic(AccPassword));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("acc-requires-tls", Challenge.ErrorOf(response));
    }

    private static Dictionary<string, string?> AccRoute(string mode) => new()
    {
        ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = mode,
        ["Gateway:Acc:Accounts:0:User"] = AccUser,
        ["Gateway:Acc:Accounts:0:PasswordHash"] = PasswordHash.Create(AccPassword, 10_000),
        ["Gateway:Acc:AllowPlainHttp"] = "true",
    };

    private static string Basic(string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AccUser + ":" + password));

    private static string RouteConfig(string mode) =>
        "{\"ReverseProxy\":{\"Routes\":{\"legacy\":{\"Metadata\":{\"SmpAuth\":\"" + mode + "\"}}}}}";

    private static async Task<HttpStatusCode> EventuallyAsync(HttpClient client, string path, HttpStatusCode wanted)
    {
        HttpStatusCode last = 0;
        for (int i = 0; i < 100 && last != wanted; i++)
        {
            await Task.Delay(100);
            using var response = await client.GetAsync(path);
            last = response.StatusCode;
        }

        return last;
    }
}
