using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Tests.Legacy;

public sealed class LegacyServerTests : IAsyncLifetime
{
    private readonly string _url = LoopbackPort.FreeUrl();
    private readonly HttpClient _http = new();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        _app = LegacyServer.Build(_url);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app!.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/Altiris/NS/Agent/GetClientPolicies.aspx", false, false)]
    [InlineData("/Altiris/NS/Agent/GetClientPolicies.aspx", true, false)]
    [InlineData("/Altiris/NS/Agent/GetClientPolicies.aspx", false, true)]
    [InlineData("/Altiris/Packages/p1/setup.msi", false, false)]
    [InlineData("/Altiris/NS/Agent/Echo.aspx", false, false)]
    public async Task Get_WithoutIdentityHeaders_Is401WithoutBody(string path, bool identity, bool auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url + path);
        if (identity)
        {
            request.Headers.Add("X-SMP-Identity", "_SMP_IUSR");
        }

        if (auth)
        {
            request.Headers.Add("X-SMP-Auth", "Token");
        }

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Policies_WithIdentity_NamesTheAgent(string method)
    {
        using HttpRequestMessage request = Request(new HttpMethod(method), "/Altiris/NS/Agent/GetClientPolicies.aspx");
        request.Content = method == "POST" ? new StringContent("<Inventory/>") : null;

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("agent=\"7d1c7a66-0000-4000-8000-000000000001\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TaskServers_WithIdentity_ListsServers()
    {
        using HttpResponseMessage response = await _http.SendAsync(Request(HttpMethod.Get, "/Altiris/TaskManagement/CTAgent/GetClientTaskServers.aspx"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<TaskServer ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Package_RangeRequest_Is206WithThoseBytes()
    {
        using HttpRequestMessage request = Request(HttpMethod.Get, "/Altiris/Packages/pkg-1/setup.msi");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-1999/{LegacyPackage.Length}", response.Content.Headers.ContentRange!.ToString());
        byte[] whole = LegacyPackage.Content("pkg-1", "setup.msi");
        Assert.Equal(whole.AsSpan(1000, 1000).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Package_SameName_SameBytes()
    {
        using HttpResponseMessage response = await _http.SendAsync(Request(HttpMethod.Get, "/Altiris/Packages/pkg-2/a.bin"));

        Assert.Equal(LegacyPackage.Content("pkg-2", "a.bin"), await response.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(LegacyPackage.Content("pkg-2", "a.bin"), LegacyPackage.Content("pkg-2", "b.bin"));
    }

    [Fact]
    public async Task Echo_RepeatedHeaderLines_JoinsValues()
    {
        // HttpClient folds repeated values into one line; a raw request sends two. HTTP/1.0: no chunks to undo.
        var uri = new Uri(_url);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using System.Net.Sockets.NetworkStream stream = tcp.GetStream();
        string raw = "GET /Altiris/NS/Agent/Echo.aspx HTTP/1.0\r\nHost: x\r\nX-SMP-Identity: _SMP_IUSR\r\nX-SMP-Auth: Token\r\n"
            + "X-Custom: a\r\nX-Custom: b\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(raw));
        string answer = await new StreamReader(stream).ReadToEndAsync();
        using JsonDocument body = JsonDocument.Parse(answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);

        JsonElement headers = body.RootElement.GetProperty("headers");
        Assert.Equal("a, b", headers.GetProperty("X-Custom").GetString());
        Assert.Equal("_SMP_IUSR", headers.GetProperty("X-SMP-Identity").GetString());
    }

    [Theory]
    [InlineData("ACC", @"DEMO\svc-acc", @"DEMO\svc-acc", HttpStatusCode.OK)]
    [InlineData("ACC", @"DEMO\svc-acc", @"DEMO\other", HttpStatusCode.Unauthorized)]
    [InlineData("Token", @"DEMO\svc-acc", @"DEMO\svc-acc", HttpStatusCode.Unauthorized)]
    [InlineData("ACC", @"DEMO\svc-acc", null, HttpStatusCode.Unauthorized)]
    public async Task UncPackage_NeedsTheAgentsAccForTheAssertedIdentity(string auth, string identity, string? basicUser, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url + "/Altiris/UncPackages/pkg-1/setup.msi");
        request.Headers.Add("X-SMP-Identity", identity);
        request.Headers.Add("X-SMP-Auth", auth);
        if (basicUser is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(basicUser + ":pw")));
        }

        using HttpResponseMessage response = await _http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, _url + path);
        request.Headers.Add("X-SMP-Identity", "_SMP_IUSR");
        request.Headers.Add("X-SMP-Auth", "Token");
        request.Headers.Add("X-SMP-Agent", "7d1c7a66-0000-4000-8000-000000000001");
        return request;
    }
}
