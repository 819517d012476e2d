using System.Net.WebSockets;
using System.Text;
using Smp.Gateway.Tests.Administration;
using Smp.Gateway.Tests.Authentication;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// Issue 13 item 11, PROTOCOL.md §7: an upgrade only on a route whose Metadata:SmpUpgrade is WebSocket (elsewhere
/// 400 upgrade-not-allowed, before authentication), only for agent tokens or anonymous routes, and an agent's tunnel
/// closed when its authentication ends. The server behind is a WebSocket echo that first says which identity it saw.
/// </summary>
public sealed class UpgradeAttackTests
{
    private const string Handshake = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

    [Theory]
    [InlineData("/nows/anonymous")]
    [InlineData(Paths.Echo)]
    public async Task Upgrade_RouteWithoutSmpUpgrade_400UpgradeNotAllowed(string path)
    {
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url);
        var (status, error, _) = await PathAttackTests.SendAsync(host, path, Handshake);
        Assert.Equal((400, "upgrade-not-allowed"), (status, error));
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("h2c")]
    [InlineData("websocket, h2c")]
    [InlineData("")]
    public async Task Upgrade_AllowedRouteOtherProtocol_400UpgradeNotAllowed(string protocol)
    {
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url, new() { ["ReverseProxy:Routes:ws:Metadata:SmpAuth"] = "Anonymous" });
        var (status, error, _) = await PathAttackTests.SendAsync(host, "/ws/tunnel", Handshake.Replace("Upgrade: websocket", "Upgrade: " + protocol));
        Assert.Equal((400, "upgrade-not-allowed"), (status, error));
    }

    [Fact]
    public async Task Upgrade_AllowedRoute_PushInstallTokenGetsNoTunnel()
    {
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url, new() { ["Gateway:LongLivedTokens:PushInstallPaths:0"] = "/ws" });
        var (_, secret) = await LongLivedTokenTests.IssueAsync(AdminCli.For(host), "issue-push", "--name", "push");
        var (status, error, _) = await PathAttackTests.SendAsync(host, "/ws/push", Handshake + $"Authorization: Bearer {secret}\r\n");
        Assert.Equal((400, "upgrade-not-allowed"), (status, error));
    }

    [Fact]
    public async Task Upgrade_AllowedAnonymousRoute_TunnelCarriesOnlyXSmpAuthAnonymous()
    {
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url, new()
        {
            ["ReverseProxy:Routes:ws:Metadata:SmpAuth"] = "Anonymous",
        });
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X_SMP_Identity", "Administrator");
        await socket.ConnectAsync(new Uri(host.Url.Replace("http://", "ws://") + "/ws/tunnel"), CancellationToken.None);
        Assert.Equal("Anonymous  ", await ReceiveAsync(socket));
        Assert.Equal("ping", await EchoAsync(socket, "ping"));
    }

    [Fact]
    public async Task Upgrade_AllowedRoute_TunnelClosedWhenAgentRevoked()
    {
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url);
        var (socket, agentId) = await OpenAsAgentAsync(host);
        using (socket)
        {
            Assert.Equal("ping", await EchoAsync(socket, "ping"));

            await host.Admin.RevokeAgentAsync(agentId);

            await AssertClosedAsync(socket);
        }
    }

    [Fact]
    public async Task Upgrade_AllowedRouteWithoutConnectionAuthentication_TunnelClosedWhenAgentKeyReplaced()
    {
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url, new() { ["Gateway:Connection:KeepAuthentication"] = "false" });
        var (socket, agentId) = await OpenAsAgentAsync(host);
        using (socket)
        {
            Assert.Equal("ping", await EchoAsync(socket, "ping"));

            var newKey = Smp.Gateway.Jose.RsaJwk.FromParameters(TestAgent.ForeignKey(0).ExportParameters(false));
            Assert.True(await host.Admin.ReplaceAgentKeyAsync(agentId, newKey));

            await AssertClosedAsync(socket);
        }
    }

    [Fact]
    public async Task Upgrade_AllowedRoute_TunnelClosedWhenTokenExpires()
    {
        // The system clock shifted, not a FakeTimeProvider: the host's own timers (the tunnel's watch) must keep running.
        var clock = new ShiftedClock();
        await using var server = await WebSocketEcho.StartAsync();
        await using var host = await StartGatewayAsync(server.Url, services: s => s.AddSingleton<TimeProvider>(clock));
        // The registry refuses tokens issued in the second it started (stale-epoch): the clock moves on, as time would.
        clock.Offset = TimeSpan.FromSeconds(2);
        var (socket, _) = await OpenAsAgentAsync(host);
        using (socket)
        {
            Assert.Equal("ping", await EchoAsync(socket, "ping"));

            clock.Offset = TimeSpan.FromHours(9) + TimeSpan.FromSeconds(2);

            await AssertClosedAsync(socket);
        }
    }

    private static Task<GatewayHost> StartGatewayAsync(string serverUrl, Dictionary<string, string?>? more = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:ws:Destinations:one:Address"] = serverUrl + "/",
            ["ReverseProxy:Routes:ws:ClusterId"] = "ws",
            ["ReverseProxy:Routes:ws:Match:Path"] = "/ws/{**rest}",
            ["ReverseProxy:Routes:ws:Metadata:SmpUpgrade"] = "WebSocket",
            ["ReverseProxy:Routes:nows:ClusterId"] = "ws",
            ["ReverseProxy:Routes:nows:Match:Path"] = "/nows/{**rest}",
            ["ReverseProxy:Routes:nows:Metadata:SmpAuth"] = "Anonymous",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return GatewayHost.StartAsync(settings, services: services);
    }

    /// <summary>An enrolled agent's tunnel on /ws, opened with a proof; the server's first message names the identity it saw.</summary>
    private static async Task<(ClientWebSocket Socket, string AgentId)> OpenAsAgentAsync(GatewayHost host)
    {
        using var client = host.NewClient();
        var agent = await ConnectionAuthenticationTests.EnrolledAsync(host, client);
        string uid = TestAgent.NewUid();
        string token = await agent.GetTokenAsync(client, uid);
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "SMPToken " + agent.Proof(token, uid, 1));
        socket.Options.SetRequestHeader("X-SMP-Identity", "Administrator");
        socket.Options.CollectHttpResponseDetails = true;
        var connect = await Record.ExceptionAsync(() => socket.ConnectAsync(new Uri(host.Url.Replace("http://", "ws://") + "/ws/tunnel"), CancellationToken.None));
        Assert.True(connect is null, $"{socket.HttpStatusCode} {string.Join(", ", socket.HttpResponseHeaders?.Select(h => h.Key + ": " + string.Join(",", h.Value)) ?? [])}");
        Assert.Equal($"Token _SMP_IUSR {agent.AgentId}", await ReceiveAsync(socket));
        return (socket, agent.AgentId);
    }

    private static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        return await ReceiveAsync(socket);
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    /// <summary>The tunnel ends within a few of the watch's one-second looks: an abort, never a message.</summary>
    private static async Task AssertClosedAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[1024];
        var ended = await Record.ExceptionAsync(async () =>
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        });
        Assert.False(timeout.IsCancellationRequested, "the tunnel outlived the end of the agent's authentication");
        Assert.True(ended is null or WebSocketException, ended?.ToString());
    }

    /// <summary>A WebSocket server: says which identity headers it saw at the upgrade, then echoes each message.</summary>
    private sealed class WebSocketEcho(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public static async Task<WebSocketEcho> StartAsync()
        {
            string url = $"http://127.0.0.1:{FreePort.Next()}";
            // Empty: no configuration files, so no file watchers (the machine allows few).
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore();
            builder.WebHost.UseUrls(url);
            var app = builder.Build();
            app.UseWebSockets();
            app.Run(async context =>
            {
                if (!context.WebSockets.IsWebSocketRequest)
                {
                    context.Response.StatusCode = 200;
                    return;
                }

                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                var h = context.Request.Headers;
                await socket.SendAsync(Encoding.UTF8.GetBytes($"{h["X-SMP-Auth"]} {h["X-SMP-Identity"]} {h["X-SMP-Agent"]}"), WebSocketMessageType.Text, true, default);
                var buffer = new byte[1024];
                while (true)
                {
                    var result = await socket.ReceiveAsync(buffer, default);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, default);
                }
            });
            await app.StartAsync();
            return new WebSocketEcho(app, url);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
