using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Smp.Gateway.Hosting;

/// <summary><c>/healthz</c> (the process is alive) and <c>/readyz</c> (it can serve, or what is not ready), both unauthenticated.</summary>
internal static class HealthEndpoints
{
    public const string Live = "/healthz";
    public const string Ready = "/readyz";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ReadinessCheck>("stores", tags: [ReadyTag]);
        return services;
    }

    public static void MapGatewayHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body);
    }
}
