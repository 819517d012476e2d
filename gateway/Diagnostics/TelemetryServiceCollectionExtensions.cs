using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// OpenTelemetry for the gateway's spans and metrics, with ASP.NET Core's and YARP's. Exported over OTLP
/// when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint) is set, and configured
/// by the other <c>OTEL_*</c> variables; with none set nothing leaves the process. Prometheus scraping goes
/// through an OpenTelemetry Collector: the in-process Prometheus exporter is still a beta.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    private static readonly string[] EndpointVariables =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(GatewayActivities.SourceName, "Yarp.ReverseProxy")
                .AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(AccMetrics.MeterName)
                .AddAspNetCoreInstrumentation());
        if (EndpointVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
