using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>The fake gateway on Kestrel at 127.0.0.1, for the load runner, which opens its own connections.</summary>
internal static class FakeGatewayServer
{
    public static async Task<WebApplication> StartAsync(FakeGateway gateway, string url)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path == "/smp/agents")
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                byte[] answer = gateway.EnrollFromJson(body.ToArray(), out _);
                context.Response.StatusCode = 201;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(answer);
                return;
            }

            await context.Request.Body.CopyToAsync(Stream.Null);
            string? authorization = context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString();
            FakeAnswer result = gateway.Handle(authorization, context.Connection.Id);
            context.Response.StatusCode = result.Status;
            if (result.NsError is not null)
            {
                context.Response.Headers["X-SMP-NSError"] = result.NsError;
            }

            context.Response.Headers.WWWAuthenticate = result.ChallengeToken is not null
                ? $"SMPToken token=\"{result.ChallengeToken}\""
                : result.Status == 401 ? "SMPToken realm=\"SMP\"" : default;
            if (result.Status == 200)
            {
                await context.Response.WriteAsync("ok");
            }
        });
        await app.StartAsync();
        return app;
    }
}
