using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Smp.Gateway.Configuration;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Administration;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 1, PROTOCOL.md §12: a path that, decoded once, holds a backslash, a NUL, a control character, a
/// '.'/'..' segment, a segment ending in '.' or ' ' (IIS drops them) or an encoded '/' is refused 400 malformed before a route is chosen, whatever the route
/// (Anonymous, Token, ACC) and whatever credential comes with it; sent as exact bytes, since HttpClient resolves them.
/// </summary>
public sealed class PathAttackTests
{
    private const string Protected = "Altiris/NS/Agent/GetClientPolicies.aspx";

    private static readonly Dictionary<string, string?> Routes = new()
    {
        ["ReverseProxy:Routes:public:ClusterId"] = "legacy",
        ["ReverseProxy:Routes:public:Match:Path"] = "/public/{**rest}",
        ["ReverseProxy:Routes:public:Metadata:SmpAuth"] = "Anonymous",
        ["ReverseProxy:Routes:agent:ClusterId"] = "legacy",
        ["ReverseProxy:Routes:agent:Match:Path"] = "/Altiris/NS/Agent/{**rest}",
        ["ReverseProxy:Routes:agent:Metadata:SmpAuth"] = "Anonymous",
        ["ReverseProxy:Routes:unc:ClusterId"] = "legacy",
        ["ReverseProxy:Routes:unc:Match:Path"] = "/Altiris/UncPackages/{**rest}",
        ["ReverseProxy:Routes:unc:Metadata:SmpCodebase"] = @"\\fs1\Packages",
        ["Gateway:Acc:Accounts:0:User"] = "acc",
        ["Gateway:Acc:Accounts:0:PasswordHash"] = Smp.Gateway.Configuration.PasswordHash.Create("acc-password"),
        ["Gateway:Acc:AllowPlainHttp"] = "true",
    };

    public static TheoryData<string> NotCanonical => new()
    {
        "/public/..\\" + Protected,
        "/public/..%5c" + Protected,
        "/public/..%5C" + Protected,
        "/public/%2e%2e%5c" + Protected,
        "/public/%2E%2E%5C" + Protected,
        "/public/%2e%2e/" + Protected,
        "/public/../" + Protected,
        "/public/./x",
        "/public/%2e/x",
        "/public/...%2f" + Protected,
        "/public/..%20/" + Protected,
        "/public/a%2fb",
        "/public/a%2Fb",
        "/public/x%0d%0aSet-Cookie:%20a=b",
        "/public/x%1b%5b31m",
        "/public/x%7f",
        "/public/x%c2%85",
        "/public/..%c0%af" + Protected,
        "/public/x%ff",
        "http://a/public/..%5c" + Protected,
        "/Altiris/UncPackages/..\\..\\NS/Agent/Echo.aspx",
        "/Altiris/UncPackages/p1/..%5c..%5c..%5cNS/Agent/Echo.aspx",
        "/Altiris/NS/Agent/AeXNSCInstSvc.aspx/..\\..\\..\\NS/Admin/x.aspx",
        "/Altiris/NS/Admin./x.aspx",
        "/Altiris/NS/Admin%20/x.aspx",
        "/Altiris/NS/Admin.%20./x.aspx",
        "/Altiris/NS/Admin/x.aspx.",
        "/Altiris/NS/Admin/x.aspx%20",
        "/public/x%2e",
    };

    [Theory]
    [MemberData(nameof(NotCanonical))]
    public async Task Path_NotCanonical_400MalformedBeforeAnyRoute(string target)
    {
        await using var host = await GatewayHost.StartAsync(Routes);
        var (status, error, _) = await SendAsync(host, target, "Authorization: Basic YWNjOmFjYy1wYXNzd29yZA==\r\n");
        Assert.Equal((400, NsError.Malformed), (status, error));
    }

    [Fact]
    public async Task Path_EncodedNul_RefusedByKestrelBeforeTheGateway()
    {
        // Kestrel refuses a decoded NUL itself, before any middleware runs: a bare 400, which nothing can add a header to.
        await using var host = await GatewayHost.StartAsync(Routes);
        var (status, error, _) = await SendAsync(host, "/public/x%00.aspx", "");
        Assert.Equal((400, (string?)null), (status, error));
    }

    [Fact]
    public async Task PushInstallToken_PathEscapingItsScope_400Malformed()
    {
        await using var host = await GatewayHost.StartAsync();
        var (_, secret) = await LongLivedTokenTests.IssueAsync(AdminCli.For(host), "issue-push", "--name", "push");
        foreach (string escape in new[] { "..\\..\\..\\", "..%5c..%5c..%5c", "%2e%2e%5c%2e%2e%5c%2e%2e%5c", "%2e%2e/%2e%2e/%2e%2e/" })
        {
            var (status, error, _) = await SendAsync(host, "/Altiris/NS/Agent/AeXNSCInstSvc.aspx/" + escape + "NS/Admin/x.aspx", $"Authorization: Bearer {secret}\r\n");
            Assert.Equal((400, NsError.Malformed), (status, error));
        }
    }

    [Fact]
    public async Task Path_EncodedButCanonical_ForwardedDecodedAsTheServerReadsIt()
    {
        await using var host = await GatewayHost.StartAsync(Routes);
        var (status, error, body) = await SendAsync(host, "/Altiris/NS/Agent/%45cho.aspx", "");
        Assert.Equal((200, (string?)null), (status, error));
        Assert.Equal("/Altiris/NS/Agent/Echo.aspx", JsonDocument.Parse(body).RootElement.GetProperty("target").GetString());
    }

    [Theory]
    [InlineData("/Altiris/NS/Agent/", "/Altiris/NS/Agent/Echo.aspx", 200, null)]
    [InlineData("/Altiris/NS/Agent/", "/altiris/ns/agent/echo.aspx", 200, null)]
    [InlineData("/Altiris/NS/Agent/", "/Altiris/NS/AgentX/Echo.aspx", 403, "token-scope")]
    [InlineData("/Altiris/NS/Agen", "/Altiris/NS/Agent/Echo.aspx", 403, "token-scope")]
    [InlineData("/Altiris/ASDK.NS", "/Altiris/ASDK.NSX/x.asmx", 403, "token-scope")]
    [InlineData("/Altiris/ASDK.NS/", "/Altiris/ASDK.NSX/x.asmx", 403, "token-scope")]
    public async Task AsdkToken_TrailingSlash_NamesAFolder(string scope, string path, int expected, string? code)
    {
        await using var host = await GatewayHost.StartAsync();
        var (_, secret) = await LongLivedTokenTests.IssueAsync(AdminCli.For(host), "issue-asdk", "--name", "sdk", "--paths", scope);
        var (status, error, body) = await SendAsync(host, path, $"Authorization: Bearer {secret}\r\n");
        Assert.Equal((expected, code), (status, error));
        if (expected == 200)
        {
            Assert.Contains("\"X-SMP-Auth\":\"Asdk\"", body);
        }
    }

    /// <summary>One request as exact bytes; its status, X-SMP-NSError and body.</summary>
    internal static async Task<(int Status, string? Error, string Body)> SendAsync(GatewayHost host, string target, string headers)
    {
        string response = await RawHttp.SendAsync(host.Url, $"GET {target} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n{headers}\r\n");
        var status = Regex.Match(response, @"^HTTP/1\.1 (\d{3}) ");
        Assert.True(status.Success, response);
        var error = Regex.Match(response, @"\r\nX-SMP-NSError: ([^\r]*)\r\n", RegexOptions.IgnoreCase);
        int split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string body = response[(split + 4)..];
        if (Regex.IsMatch(response[..split], @"\r\nTransfer-Encoding: chunked", RegexOptions.IgnoreCase))
        {
            body = Dechunk(body);
        }

        return (int.Parse(status.Groups[1].Value), error.Success ? error.Groups[1].Value : null, body);
    }

    private static string Dechunk(string chunked)
    {
        var body = new System.Text.StringBuilder();
        int at = 0;
        while (true)
        {
            int line = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = Convert.ToInt32(chunked[at..line].Split(';')[0], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(chunked, line + 2, size);
            at = line + 2 + size + 2;
        }
    }
}
