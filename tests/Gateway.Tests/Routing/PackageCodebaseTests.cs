using System.Net;
using System.Text;
using Smp.Gateway.Acc;
using Smp.Gateway.Configuration;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Routing;

/// <summary>
/// The seed's decision table (seeds/000) as a test table: an HTTP package location uses the token, a UNC one ACC,
/// a token failure with fallback ACC, and a UNC location with ACC disabled the documented error.
/// </summary>
public sealed class PackageCodebaseTests
{
    private const string AccUser = @"EXAMPLE\svc-acc";
    private const string AccPassword = "correct horse battery staple";
    private const string Http = "https://ps1.example.test/Altiris/Packages";
    private const string Unc = @"\\ps1.example.test\Packages";

    public static TheoryData<string, string, string, int, string?, string?> DecisionTable => new()
    {
        // codebase, SmpAuth, what the agent sends, status, X-SMP-NSError, X-SMP-Auth the server behind sees
        { Http, "TokenOrAcc", "token", 200, null, "Token" },
        { Http, "TokenOrAcc", "none", 401, null, null },
        { Http, "TokenOrAcc", "bad-token", 401, "malformed", null },
        { Http, "TokenOrAcc", "basic", 200, null, "ACC" },
        { Http, "Token", "basic", 401, null, null },
        { Unc, "Token", "none", 401, "acc-required", null },
        { Unc, "Token", "token", 401, "acc-required", null },
        { Unc, "Token", "basic", 200, null, "ACC" },
        { Unc, "TokenOrAcc", "wrong-basic", 401, "credentials-invalid", null },
    };

    [Theory]
    [MemberData(nameof(DecisionTable))]
    public async Task Route_Codebase_UsesTheSeedsAuthentication(string codebase, string mode, string sends, int status, string? error, string? auth)
    {
        await using var host = await GatewayHost.StartAsync(Route(codebase, mode));
        using var client = host.NewClient();
        string? authorization = sends switch
        {
            "token" => await ProofAsync(host),
            "bad-token" => "SMPToken a.b.c.d.e",
            "basic" => Basic(AccPassword),
            "wrong-basic" => Basic("stale password"),
            _ => null,
        };

        using var response = await TestAgent.SendAsync(client, Paths.Echo, authorization);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(error, Challenge.ErrorOf(response));
        if (status == 200)
        {
            Assert.Equal(auth, (await ConnectionAuthenticationTests.EchoedAsync(response))["X-SMP-Auth"]);
        }
        else
        {
            // Token preferred: offered first; Basic only where ACC is accepted; never a token on a UNC route.
            string[] expected = (codebase == Unc, mode) switch
            {
                (true, _) => ["Basic realm=\"SMP\""],
                (false, "TokenOrAcc") => ["SMPToken realm=\"SMP\"", "Basic realm=\"SMP\""],
                _ => ["SMPToken realm=\"SMP\""],
            };
            Assert.Equal(expected, Challenge.All(response));
        }
    }

    [Fact]
    public async Task Start_UncCodebaseWithAccDisabled_StopsNamingTheSource()
    {
        var settings = Route(Unc, "Token");
        settings["Gateway:Acc:Enabled"] = "false";
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));
        Assert.Contains("ReverseProxy:Routes:legacy:Metadata:SmpCodebase", error.ToString());
        Assert.Contains("package source 'legacy'", error.ToString());
    }

    [Fact]
    public async Task Route_UncCodebaseWithAccDisabledAndRefuse_AccRequired()
    {
        var settings = Route(Unc, "Token");
        settings["Gateway:Acc:Enabled"] = "false";
        settings["Gateway:Acc:UncWithoutAcc"] = "Refuse";
        await using var host = await GatewayHost.StartAsync(settings);
        using var response = await TestAgent.SendAsync(host.NewClient(), Paths.Echo, Basic(AccPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("acc-required", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Route_TokenOrAccWithAccDisabled_OffersTokenOnly()
    {
        var settings = Route(Http, "TokenOrAcc");
        settings["Gateway:Acc:Enabled"] = "false";
        await using var host = await GatewayHost.StartAsync(settings);
        using var response = await TestAgent.SendAsync(host.NewClient(), Paths.Echo, Basic(AccPassword));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["SMPToken realm=\"SMP\""], Challenge.All(response));
    }

    [Fact]
    public async Task Route_UncCodebase_BasicPassesThroughUnchanged()
    {
        await using var host = await GatewayHost.StartAsync(Route(Unc, "Token"));
        using var response = await TestAgent.SendAsync(host.NewClient(), Paths.Echo, Basic(AccPassword));
        var seen = await ConnectionAuthenticationTests.EchoedAsync(response);
        Assert.Equal(Basic(AccPassword), seen["Authorization"]);
        Assert.Equal(AccUser, seen["X-SMP-Identity"]);
    }

    [Fact]
    public async Task Route_UncCodebasePreviousPasswordDuringRotation_ServerBehindGetsTheNewOne()
    {
        var settings = Route(Unc, "Token");
        settings["Gateway:Acc:Rotation:User"] = AccUser;
        settings["Gateway:Acc:Rotation:PreviousPasswordHash"] = PasswordHash.Create("old password", 10_000);
        settings["Gateway:Acc:Rotation:PreviousPasswordUntil"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O");
        settings["Gateway:Acc:Rotation:CurrentPassword"] = AccPassword;
        await using var host = await GatewayHost.StartAsync(settings);

        using var response = await TestAgent.SendAsync(host.NewClient(), Paths.Echo, Basic("old password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Basic(AccPassword), (await ConnectionAuthenticationTests.EchoedAsync(response))["Authorization"]);
    }

    [Fact]
    public async Task Route_HttpCodebaseTokenOrAcc_AuthorizationNotForwarded()
    {
        await using var host = await GatewayHost.StartAsync(Route(Http, "TokenOrAcc"));
        using var response = await TestAgent.SendAsync(host.NewClient(), Paths.Echo, Basic(AccPassword));
        Assert.False((await ConnectionAuthenticationTests.EchoedAsync(response)).ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Start_CodebaseNeitherUrlNorUnc_StopsNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(Route("ftp://ps1/packages", "Token")));
        Assert.Contains("ReverseProxy:Routes:legacy:Metadata:SmpCodebase: 'ftp://ps1/packages'", error.ToString());
    }

    internal static Dictionary<string, string?> Route(string codebase, string mode) => new()
    {
        ["ReverseProxy:Routes:legacy:Metadata:SmpAuth"] = mode,
        ["ReverseProxy:Routes:legacy:Metadata:SmpCodebase"] = codebase,
        ["Gateway:Acc:Accounts:0:User"] = AccUser,
        ["Gateway:Acc:Accounts:0:PasswordHash"] = PasswordHash.Create(AccPassword, 10_000),
        ["Gateway:Acc:AllowPlainHttp"] = "true",
        ["ReverseProxy:Routes:policies:ClusterId"] = "legacy",
        ["ReverseProxy:Routes:policies:Match:Path"] = Paths.Policies,
        ["ReverseProxy:Routes:policies:Metadata:SmpAuth"] = "Token",
    };

    internal static string Basic(string password, string user = AccUser) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    private static async Task<string> ProofAsync(GatewayHost host)
    {
        // A UNC route refuses a hello like any token: the agent got its token on a token route.
        using var client = host.NewClient();
        var agent = await ConnectionAuthenticationTests.EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid, Paths.Policies);
        return "SMPToken " + agent.Proof(token, uid, 1);
    }
}
