using System.Net;
using System.Text.Json;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Administration;

/// <summary>Push-install and ASDK tokens (issued by <c>gateway tokens</c>) through a real gateway to the legacy server.</summary>
public sealed class LongLivedTokenTests
{
    private static readonly Dictionary<string, string?> PushOnEcho = new() { ["Gateway:LongLivedTokens:PushInstallPaths:0"] = Paths.Echo };

    [Fact]
    public async Task PushInstall_OnItsPath_ForwardedAsPushInstall()
    {
        await using var host = await GatewayHost.StartAsync(PushOnEcho);
        using var client = host.NewClient();
        var (_, secret) = await IssueAsync(AdminCli.For(host), "issue-push", "--name", "push-install service");

        var (status, _, body) = await SendAsync(client, Paths.Echo, secret);

        Assert.Equal(HttpStatusCode.OK, status);
        var headers = JsonDocument.Parse(body!).RootElement.GetProperty("headers");
        Assert.Equal("PushInstall", headers.GetProperty("X-SMP-Auth").GetString());
        Assert.Equal("_SMP_IUSR", headers.GetProperty("X-SMP-Identity").GetString());
        Assert.False(headers.TryGetProperty("Authorization", out _), "the bearer token was passed on");
    }

    [Theory]
    [InlineData(Paths.Policies, HttpStatusCode.Forbidden, "token-scope")]
    [InlineData("/Altiris/NS/Agent/Echo.aspxx", HttpStatusCode.Forbidden, "token-scope")]
    [InlineData(Paths.Echo, HttpStatusCode.OK, null)]
    [InlineData("/altiris/ns/agent/echo.aspx", HttpStatusCode.OK, null)]
    public async Task PushInstall_ByPath_ScopedToInstallerPaths(string path, HttpStatusCode expected, string? code)
    {
        await using var host = await GatewayHost.StartAsync(PushOnEcho);
        using var client = host.NewClient();
        var (_, secret) = await IssueAsync(AdminCli.For(host), "issue-push", "--name", "push");
        var (status, error, _) = await SendAsync(client, path, secret);
        Assert.Equal(expected, status == HttpStatusCode.NotFound ? HttpStatusCode.OK : status);
        Assert.Equal(code, error);
    }

    [Fact]
    public async Task PushInstall_Revoked_RefusedTokenRevoked()
    {
        await using var host = await GatewayHost.StartAsync(PushOnEcho);
        using var client = host.NewClient();
        var cli = AdminCli.For(host);
        var (id, secret) = await IssueAsync(cli, "issue-push", "--name", "push");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Paths.Echo, secret)).Status);

        var (exit, output) = await cli.RunAsync("tokens", "revoke", id);

        Assert.Equal(0, exit);
        Assert.Contains("revoked", output);
        Assert.Equal((HttpStatusCode.Forbidden, NsError.TokenRevoked), await StatusAsync(client, Paths.Echo, secret));
        Assert.Contains($"{id}  PushInstall  push  revoked", (await cli.RunAsync("tokens", "list")).Output);
    }

    [Theory]
    [InlineData("Bearer smp_pi_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.Unauthorized, "credentials-invalid")]
    [InlineData("Bearer smp_asdk_short", HttpStatusCode.Unauthorized, "credentials-invalid")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.e30.", HttpStatusCode.Unauthorized, "credentials-invalid")]
    public async Task Bearer_UnknownOrMalformed_Refused(string authorization, HttpStatusCode expected, string code)
    {
        await using var host = await GatewayHost.StartAsync(PushOnEcho);
        using var client = host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, authorization);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(code, response.Headers.GetValues(NsError.HeaderName).Single());
    }

    [Fact]
    public async Task Asdk_InScopeThenExpired_ForwardedThenRefusedExpired()
    {
        await using var host = await GatewayHost.StartAsync();
        using var client = host.NewClient();
        var (_, secret) = await IssueAsync(AdminCli.For(host), "issue-asdk", "--name", "sdk", "--paths", "/Altiris/NS/Agent,/Other", "--lifetime", "00:00:02");

        var (status, _, body) = await SendAsync(client, Paths.Echo, secret);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Asdk", JsonDocument.Parse(body!).RootElement.GetProperty("headers").GetProperty("X-SMP-Auth").GetString());
        Assert.Equal((HttpStatusCode.Forbidden, "token-scope"), await StatusAsync(client, Paths.TaskServers, secret));

        var expired = await Eventually.UntilAsync(async () => await StatusAsync(client, Paths.Echo, secret), (HttpStatusCode.OK, (string?)null));
        Assert.Equal((HttpStatusCode.Unauthorized, NsError.Expired), expired);
    }

    [Theory]
    [InlineData(new[] { "issue-asdk", "--name", "x" }, 64)]
    [InlineData(new[] { "issue-asdk", "--name", "x", "--paths", "relative" }, 64)]
    [InlineData(new[] { "issue-asdk", "--name", "x", "--paths", "/a", "--lifetime", "soon" }, 64)]
    [InlineData(new[] { "issue-push", "--name", "x", "--paths", "/a" }, 64)]
    [InlineData(new[] { "issue-push" }, 64)]
    public async Task Issue_BadArguments_ExitsUsage(string[] args, int expected)
    {
        await using var host = await GatewayHost.StartAsync();
        var (exit, _) = await AdminCli.For(host).RunAsync(["tokens", .. args]);
        Assert.Equal(expected, exit);
    }

    internal static async Task<(string Id, string Secret)> IssueAsync(AdminCli cli, params string[] args)
    {
        var (exit, output) = await cli.RunAsync(["tokens", .. args, "--json"]);
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        return (root.GetProperty("id").GetString()!, root.GetProperty("token").GetString()!);
    }

    internal static async Task<(HttpStatusCode, string?)> StatusAsync(HttpClient client, string path, string secret)
    {
        var (status, error, _) = await SendAsync(client, path, secret);
        return (status, error);
    }

    internal static async Task<(HttpStatusCode Status, string? Error, string? Body)> SendAsync(HttpClient client, string path, string secret)
    {
        using var response = await TestAgent.SendAsync(client, path, "Bearer " + secret);
        string? error = response.Headers.TryGetValues(NsError.HeaderName, out var v) ? v.Single() : null;
        return (response.StatusCode, error, await response.Content.ReadAsStringAsync());
    }
}
