using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// OpenTelemetry for the gateway's spans and metrics, with ASP.NET Core's and YARP's. Exported over OTLP
/// when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a signal's own endpoint) is set, and configured
/// by the other <c>OTEL_*</c> variables. With none set, and <c>Gateway:Telemetry:Enabled</c> not true, no
/// provider is registered at all: nothing is recorded, so a request pays nothing for spans nobody reads.
/// Prometheus scraping goes through an OpenTelemetry Collector: the in-process Prometheus exporter is still a beta.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    private static readonly string[] EndpointVariables =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public const string EnabledKey = "Gateway:Telemetry:Enabled";

    public static IServiceCollection AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        bool exporting = EndpointVariables.Any(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        if (!exporting && !configuration.GetValue<bool>(EnabledKey))
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(GatewayActivities.SourceName, "Yarp.ReverseProxy")
                .AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(AccMetrics.MeterName)
                .AddAspNetCoreInstrumentation());
        if (exporting)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
