using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Identity;

/// <summary>
/// Issue 16, upstream: a gateway process whose cluster presents <c>Basic</c> as the service account (the password from
/// a file or an environment variable) in front of a legacy server process that demands Basic, as an unmodified IIS
/// with Basic authentication does; and the identity reloaded with the routes.
/// </summary>
public sealed class BasicUpstreamTests
{
    private const string User = @"EXAMPLE\_SMP_IUSR";
    private const string Password = "Iusr-Pass-123";
    private const string Variable = "SMPGW_TEST_UPSTREAM_PASSWORD";

    [Theory]
    [InlineData("file", Password, HttpStatusCode.OK, null)]
    [InlineData("variable", Password, HttpStatusCode.OK, null)]
    [InlineData("file", "Stale-Pass-000", HttpStatusCode.BadGateway, "upstream-identity")]
    [InlineData("variable", "Stale-Pass-000", HttpStatusCode.BadGateway, "upstream-identity")]
    public async Task Forward_TokenAgentGetAndPostToBasicServer_StatusCodeAndUser(string source, string password, HttpStatusCode status, string? code)
    {
        await using var legacy = await StartLegacyAsync();
        using var folder = new TempFolder();
        var (settings, environment) = BasicSettings(folder, source, password);
        await using var gateway = await GatewayServerProcess.StartAsync(folder.Path, legacy.Url, settings, environment);
        var (client, agent) = await UpstreamCall.EnrollAsync(gateway.Url);
        using var _ = client;

        var get = await UpstreamCall.SendAsync(client, agent);
        var post = await UpstreamCall.SendAsync(client, agent, 200 * 1024);

        string? user = status == HttpStatusCode.OK ? User : null;
        Assert.Equal((status, code, user, 0L), (get.Status, get.NsError, get.User, get.BodyLength));
        Assert.Equal((status, code, user, status == HttpStatusCode.OK ? 200 * 1024L : 0L), (post.Status, post.NsError, post.User, post.BodyLength));
        Assert.Equal(status == HttpStatusCode.OK ? "Basic " : null, get.Authorization?[..6]);
    }

    [Fact]
    public async Task Reload_HeadersThenBasic_ServerRefusesThenServes()
    {
        await using var legacy = await StartLegacyAsync();
        using var folder = new TempFolder();
        await using var gateway = await GatewayServerProcess.StartAsync(folder.Path, legacy.Url);
        var (client, agent) = await UpstreamCall.EnrollAsync(gateway.Url);
        using var _ = client;
        var before = await UpstreamCall.SendAsync(client, agent);

        var (settings, _) = BasicSettings(folder, "file", Password);
        AdminCli.WriteConfig(Path.Combine(folder.Path, "gateway.json"), GatewayServerProcess.Settings(folder.Path, gateway.Url, legacy.Url, settings));
        var after = await Eventually.UntilAsync(() => UpstreamCall.SendAsync(client, agent), call => call.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        // Headers only: the server that demands Basic answers the agent 401 itself.
        Assert.Equal((HttpStatusCode.Unauthorized, (string?)null), (before.Status, before.NsError));
        Assert.Equal((HttpStatusCode.OK, User), (after.Status, after.User));
    }

    private static Task<LegacyServerProcess> StartLegacyAsync() =>
        LegacyServerProcess.StartAsync(new Dictionary<string, string> { ["AGENTSIM_LEGACY_PASSWORD"] = Password }, "--require", "basic", "--basic-user", User);

    private static (Dictionary<string, string?> Settings, Dictionary<string, string> Environment) BasicSettings(TempFolder folder, string source, string password)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamIdentity"] = "Basic",
            ["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamUser"] = User,
        };
        var environment = new Dictionary<string, string>();
        if (source == "file")
        {
            string file = Path.Combine(folder.Path, "upstream.password");
            File.WriteAllText(file, password + "\n");
            settings["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamPasswordFile"] = file;
        }
        else
        {
            environment[Variable] = password;
            settings["ReverseProxy:Clusters:legacy:Metadata:SmpUpstreamPasswordVariable"] = Variable;
        }

        return (settings, environment);
    }
}
