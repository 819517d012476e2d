using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Smp.Gateway.Hosting;

/// <summary>
/// <c>/readyz</c>'s <c>upstream</c> check: every cluster of <c>ReverseProxy:Clusters</c> has a destination that
/// accepts a TCP connection. A cluster with none is reported <c>Degraded</c> (still 200): the gateway itself can
/// serve, and taking every node out of a load balancer would not bring the server behind back. The answer is
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
        var details = new List<string>();
        foreach (var cluster in proxy.GetClusters())
        {
            var probes = cluster.Destinations.Values.Select(d => ConnectAsync(d.Model.Config.Address)).ToArray();
            string?[] failures = await Task.WhenAll(probes);
            if (probes.Length > 0 && failures.All(f => f is not null))
            {
                down.Add(cluster.ClusterId);
                details.AddRange(failures.Select(f => $"{cluster.ClusterId}: {f}"));
            }
        }

        return down.Count == 0
            ? HealthCheckResult.Healthy("every cluster accepts connections")
            : HealthCheckResult.Degraded(
                $"upstream {string.Join(", ", down)} does not accept connections", new UpstreamUnreachableException(string.Join("; ", details)));
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
