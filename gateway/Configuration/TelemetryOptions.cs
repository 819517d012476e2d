using System.Net;

namespace Smp.Gateway.Configuration;

/// <summary><c>Gateway:Telemetry</c>. Traces and metrics also go out over OTLP whenever the standard <c>OTEL_*</c> variables name an endpoint.</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// <c>Gateway:Telemetry:Enabled</c>: record spans and metrics even with no OTLP endpoint set, for an
    /// exporter added in code. Default false: with nothing exporting, nothing is recorded.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// <c>Gateway:Telemetry:PrometheusUrl</c>: where Prometheus scrapes the <c>Smp.Gateway</c> meter, such as
    /// <c>http://127.0.0.1:9464/metrics</c>: a listener of its own (an IP address or <c>localhost</c>, a port
    /// no other endpoint uses) answering only that path, so agents' ports never expose metrics. Default
    /// empty: no scraping endpoint.
    /// </summary>
    public string PrometheusUrl { get; set; } = string.Empty;

    /// <summary>The scraping listener's address, port and path; false when <see cref="PrometheusUrl"/> is empty or not of that form.</summary>
    public bool TryGetPrometheus(out IPAddress address, out int port, out string path)
    {
        address = IPAddress.None;
        port = 0;
        path = string.Empty;
        if (!Uri.TryCreate(PrometheusUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp
            || url.AbsolutePath == "/" || !string.IsNullOrEmpty(url.Query) || url.IsDefaultPort)
        {
            return false;
        }

        if (url.IsLoopback && url.HostNameType == UriHostNameType.Dns)
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(url.Host.Trim('[', ']'), out address!))
        {
            return false;
        }

        port = url.Port;
        path = url.AbsolutePath;
        return true;
    }
}
