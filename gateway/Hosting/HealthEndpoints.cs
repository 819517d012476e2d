using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Smp.Gateway.Hosting;

/// <summary>
/// <c>/healthz</c> (the process is alive) and <c>/readyz</c> (it can serve, or what is not ready: 503; the server
/// behind not accepting connections is <c>Degraded</c>, 200), both unauthenticated.
/// </summary>
internal static class HealthEndpoints
{
    public const string Live = "/healthz";
    public const string Ready = "/readyz";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHealth(this IServiceCollection services)
    {
        services.AddSingleton<ReadinessLog>();
        services.AddSingleton<UpstreamCheck>();
        services.AddHealthChecks()
            .AddCheck<ReadinessCheck>("stores", tags: [ReadyTag])
            .AddCheck<UpstreamCheck>("upstream", tags: [ReadyTag]);
        return services;
    }

    public static void MapGatewayHealth(this IEndpointRouteBuilder endpoints, ReadinessLog log)
    {
        endpoints.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(Ready, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) => WriteAsync(context, report, log),
        });
    }

    // Unauthenticated, on the agents' port: each check's status and short reason, never an exception's text or
    // a client library's diagnostics; those go to the log (ReadinessLog).
    private static Task WriteAsync(HttpContext context, HealthReport report, ReadinessLog log)
    {
        log.Record(report);
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body);
    }
}
