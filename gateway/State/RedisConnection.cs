using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using StackExchange.Redis;

namespace Smp.Gateway.State;

/// <summary>
/// The node's one connection to the shared store. Every wait is bounded by <c>Gateway:State:Redis:Timeout</c> (plus a tenth),
/// and a command sent while the connection is down fails at once instead of queueing, so a slow or absent
/// Redis costs a request one timeout at most and never piles up work. The connection recovers by itself.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private const string ConfigurationKey = "Gateway:State:Redis:Configuration";

    private readonly RedisStateOptions _options;
    private readonly ILogger _logger;
    private ConnectionMultiplexer? _multiplexer;

    public RedisConnection(IOptions<GatewayOptions> options, ILoggerFactory loggers)
    {
        _options = options.Value.State.Redis;
        _logger = loggers.CreateLogger(LogCategories.State);
        Keys = new RedisKeys(_options.KeyPrefix);
    }

    public RedisKeys Keys { get; }

    /// <summary>Whether the store is a Redis Cluster, where one script may touch the keys of one slot only.</summary>
    public bool IsCluster { get; private set; }

    /// <summary>The database; only once <see cref="ConnectAsync"/> has succeeded (at start, before Kestrel listens).</summary>
    public IDatabase Database => _multiplexer?.GetDatabase() ?? throw new InvalidOperationException("The Redis connection is not open yet.");

    /// <summary>What a Redis call throws when the store cannot answer: connection, timeout, or an error reply (READONLY, OOM, ...).</summary>
    public static bool IsFailure(Exception e) => e is RedisException or TimeoutException;

    /// <summary>
    /// Connects and checks the Redis. A Redis that cannot be reached at start stops the start (an
    /// administrator learns it at once, rather than from the first refused agents); so does one that
    /// could evict keys, since an evicted registry entry would let a proof be replayed.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration);
        int timeout = (int)_options.Timeout.TotalMilliseconds;
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectTimeout = Math.Max(timeout, 5000);
        // The client finds timed-out commands on its heartbeat, once a second by default, so a 1 s timeout
        // refused after 1 to 2 s. A tenth of the timeout holds the bound at Timeout + 10 %.
        configuration.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(timeout / 10, 50, 1000));
        configuration.ClientName ??= "smp-gateway";
        string endpoints = string.Join(", ", configuration.EndPoints.Select(EndPointCollection.ToString));

        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken);
        if (!_multiplexer.IsConnected)
        {
            throw new InvalidOperationException($"{ConfigurationKey}: no Redis answers at {endpoints}; the node does not start without its shared store.");
        }

        await CheckServersAsync(configuration, cancellationToken);
        IsCluster = _multiplexer.GetServers().Any(s => s.ServerType == ServerType.Cluster);

        _multiplexer.ConnectionFailed += (_, e) => GatewayLog.StateStoreDisconnected(_logger, EndPointCollection.ToString(e.EndPoint), e.FailureType.ToString());
        _multiplexer.ConnectionRestored += (_, e) => GatewayLog.StateStoreReconnected(_logger, EndPointCollection.ToString(e.EndPoint));
        GatewayLog.StateStoreConnected(_logger, endpoints);
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }

    /// <summary>
    /// Refuses a Redis that could evict keys: an evicted registry entry would let a proof be replayed.
    /// <c>INFO memory</c> is read rather than <c>CONFIG GET</c>, which managed services often forbid. The
    /// typed INFO needs the client's admin mode, so it goes over a short-lived connection of its own;
    /// the node's connection never runs in admin mode. Refuses too a Redis that keeps no data across its
    /// restart (agents and revocations would vanish with it), unless <c>AcceptDataLoss</c> says so.
    /// </summary>
    private async Task CheckServersAsync(ConfigurationOptions configuration, CancellationToken cancellationToken)
    {
        var admin = configuration.Clone();
        admin.AllowAdmin = true;
        admin.ClientName = configuration.ClientName + "-check";
        await using var check = await ConnectionMultiplexer.ConnectAsync(admin).WaitAsync(cancellationToken);
        foreach (var server in check.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var memory = await server.InfoAsync("memory");
            string policy = memory.SelectMany(g => g).FirstOrDefault(p => p.Key == "maxmemory_policy").Value ?? "unknown";
            if (!string.Equals(policy, "noeviction", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"{ConfigurationKey}: the Redis at {EndPointCollection.ToString(server.EndPoint)} has maxmemory-policy '{policy}', which may evict registry keys and let a proof be replayed; set maxmemory-policy noeviction.");
            }

            if (await RedisPersistence.ProblemAsync(server) is { } persistence)
            {
                string at = EndPointCollection.ToString(server.EndPoint);
                if (!_options.AcceptDataLoss)
                {
                    throw new InvalidOperationException(
                        $"Gateway:State:Redis:AcceptDataLoss: the Redis at {at} keeps no data across a restart ({persistence}), so a restart of it would forget agents and revocations; turn on its append-only file (appendonly yes; RDB save points alone reload an old snapshot after a crash), or set Gateway:State:Redis:AcceptDataLoss to true to accept that loss.");
                }

                GatewayLog.StateStoreNotPersistent(_logger, at, persistence);
            }
        }
    }
}
