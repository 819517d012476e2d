using System.Collections;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// The standard <c>OTEL_*</c> environment variables, in the gateway's configuration under their own names,
/// where the OpenTelemetry SDK reads them (endpoint, protocol, headers, service name, resource attributes,
/// sampler). The gateway's configuration has no other environment source than <c>SMPGW_</c>, so without this
/// the exporter would post gRPC to localhost:4317 whatever the variables say.
/// </summary>
internal static class OtelVariables
{
    public const string Prefix = "OTEL_";

    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set (the SDK's own default is <c>unknown_service:dotnet</c>).</summary>
    public const string DefaultServiceName = "smp-gateway";

    private static readonly string[] EndpointKeys =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <summary>The default service name, below every other source so a variable or a file replaces it.</summary>
    public static IConfigurationBuilder AddOtelDefaults(this IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_SERVICE_NAME"] = DefaultServiceName });

    /// <summary>Every <c>OTEL_*</c> variable of the process, its name kept (unlike a prefixed environment source).</summary>
    public static IConfigurationBuilder AddOtelEnvironment(this IConfigurationBuilder configuration)
    {
        var variables = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                variables[name] = variable.Value as string;
            }
        }

        return configuration.AddInMemoryCollection(variables);
    }

    /// <summary>True when an OTLP endpoint is set, in the environment or in a configuration file.</summary>
    public static bool Exporting(IConfiguration configuration) => EndpointKeys.Any(k => !string.IsNullOrEmpty(configuration[k]));
}
