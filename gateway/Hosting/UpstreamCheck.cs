using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Smp.Gateway.Hosting;

/// <summary>
/// <c>/readyz</c>'s <c>upstream</c> check: every destination of <c>ReverseProxy:Clusters</c> accepts a TCP
/// connection. A cluster with none, or a destination that refuses while the rest of its cluster accepts (the proxy
/// still sends it its share), is reported <c>Degraded</c> (still 200), named: the gateway itself can serve, and
/// taking every node out of a load balancer would not bring the server behind back. The answer is
/// kept for <see cref="CacheFor"/>, so probes (unauthenticated) never open more than one round of connections.
/// </summary>
internal sealed class UpstreamCheck(IProxyStateLookup proxy, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _last;
    private long _lastAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_last is null || time.GetElapsedTime(_lastAt) >= CacheFor)
            {
                _last = ProbeAsync();
                _lastAt = time.GetTimestamp();
            }

            return _last;
        }
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        var down = new List<string>();
        var partly = new List<string>();
        var details = new List<string>();
        foreach (var cluster in proxy.GetClusters())
        {
            var destinations = cluster.Destinations.ToArray();
            string?[] failures = await Task.WhenAll(destinations.Select(d => ConnectAsync(d.Value.Model.Config.Address)));
            var failed = destinations.Zip(failures).Where(p => p.Second is not null).ToArray();
            if (failed.Length == 0)
            {
                continue;
            }

            details.AddRange(failed.Select(p => $"{cluster.ClusterId}/{p.First.Key}: {p.Second}"));
            if (failed.Length == destinations.Length)
            {
                down.Add(cluster.ClusterId);
            }
            else
            {
                // Without active health checks the proxy still sends this destination its share: those requests get 502.
                partly.Add($"{cluster.ClusterId} ({string.Join(", ", failed.Select(p => p.First.Key))})");
            }
        }

        if (down.Count == 0 && partly.Count == 0)
        {
            return HealthCheckResult.Healthy("every destination accepts connections");
        }

        var reasons = new List<string>(2);
        if (down.Count > 0)
        {
            reasons.Add($"upstream {string.Join(", ", down)} does not accept connections");
        }

        if (partly.Count > 0)
        {
            reasons.Add($"upstream destinations do not accept connections: {string.Join(", ", partly)}");
        }

        return HealthCheckResult.Degraded(string.Join("; ", reasons), new UpstreamUnreachableException(string.Join("; ", details)));
    }

    /// <summary>Null when the destination accepts a connection; otherwise what failed, for the log.</summary>
    private static async Task<string?> ConnectAsync(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url))
        {
            return $"{address}: not an absolute URL";
        }

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(url.DnsSafeHost, url.Port, timeout.Token);
            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return $"{url.Authority}: {(e is OperationCanceledException ? "no answer within " + ConnectTimeout.TotalSeconds + " s" : e.Message)}";
        }
    }
}
