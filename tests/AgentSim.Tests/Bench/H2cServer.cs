using System.Collections.Concurrent;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Smp.AgentSim.Tests.Bench;

/// <summary>
/// A real Kestrel on 127.0.0.1 speaking only HTTP/2 over cleartext (h2c), as the bench's endpoints do, that notes
/// each request's connection and <c>Authorization</c> in arrival order; <c>/refuse</c> answers 403, the rest 200.
/// </summary>
internal sealed class H2cServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private H2cServer(WebApplication app) => _app = app;

    /// <summary>(connection id, Authorization or null, protocol) of every request, in the order they arrived.</summary>
    public ConcurrentQueue<(string Connection, string? Authorization, string Protocol)> Requests { get; } = new();

    public Uri Origin { get; private set; } = null!;

    public static async Task<H2cServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var server = new H2cServer(builder.Build());
        server._app.Run(context =>
        {
            string? authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
            server.Requests.Enqueue((context.Connection.Id, authorization, context.Request.Protocol));
            context.Response.StatusCode = context.Request.Path == "/refuse" ? 403 : 200;
            return context.Response.WriteAsync("<ok/>");
        });
        await server._app.StartAsync();
        server.Origin = new Uri(server._app.Urls.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
