using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// OpenTelemetry for the gateway's spans and metrics, with ASP.NET Core's and YARP's. Exported over OTLP
/// when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint) is set, and configured
/// by the other <c>OTEL_*</c> variables (read through the configuration: <see cref="OtelVariables"/>); metrics also for Prometheus to scrape when
/// <c>Gateway:Telemetry:PrometheusUrl</c> names a listener. With neither, and <c>Gateway:Telemetry:Enabled</c>
/// not true, no provider is registered at all: nothing is recorded, so a request pays nothing for telemetry
/// nobody reads. Spans are recorded only for OTLP or <c>Enabled</c>: Prometheus reads metrics alone.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    // Marks the connections of the scraping listener, whatever address and port another endpoint shares.
    private static readonly object PrometheusConnection = new();

    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        var options = Options(configuration);
        bool exporting = OtelVariables.Exporting(configuration);
        bool scraped = options.TryGetPrometheus(out _, out _, out _);
        if (!exporting && !scraped && !options.Enabled)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(AccMetrics.MeterName).AddAspNetCoreInstrumentation();
            if (scraped)
            {
                metrics.AddPrometheusExporter();
            }
        });
        if (exporting || options.Enabled)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GatewayActivities.SourceName, "Yarp.ReverseProxy")
                .AddAspNetCoreInstrumentation());
        }

        if (exporting)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>The scraping listener of <c>Gateway:Telemetry:PrometheusUrl</c>, beside the endpoints of <c>Kestrel:Endpoints</c>.</summary>
    public static void ListenForPrometheus(this KestrelServerOptions kestrel, IConfiguration configuration)
    {
        if (Options(configuration).TryGetPrometheus(out var address, out int port, out _))
        {
            kestrel.Listen(address, port, listen => listen.Use(next => connection =>
            {
                connection.Items[PrometheusConnection] = true;
                return next(connection);
            }));
        }
    }

    /// <summary>
    /// The Prometheus listener's requests: its path answers the scrape, any other path 404, and nothing of
    /// the gateway's own (no proxy, no enrollment) is reachable through it; no other listener answers a scrape.
    /// </summary>
    public static void UsePrometheusListener(this WebApplication app)
    {
        if (!Options(app.Configuration).TryGetPrometheus(out _, out _, out string path))
        {
            return;
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => IsScrapingListener(context) && context.Request.Path == path);
        app.Use((context, next) =>
        {
            if (!IsScrapingListener(context))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }

    private static bool IsScrapingListener(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(PrometheusConnection) == true;

    private static TelemetryOptions Options(IConfiguration configuration) =>
        configuration.GetSection(GatewayOptions.SectionName + ":Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
}
