using Microsoft.Extensions.Logging.Abstractions;
using Smp.Gateway.Configuration;
using Smp.Gateway.Replay;
using Smp.Gateway.State;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>A <see cref="RedisReplayRegistry"/> on its own connection, outside any host, as one node would hold it.</summary>
internal sealed class RedisRegistry : IAsyncDisposable
{
    private RedisRegistry(RedisConnection connection, RedisReplayRegistry registry, GatewayOptions options)
    {
        Connection = connection;
        Registry = registry;
        Options = options;
    }

    public RedisConnection Connection { get; }
    public RedisReplayRegistry Registry { get; }

    /// <summary>The options the registry reads on each check: a test may change the window between checks.</summary>
    public GatewayOptions Options { get; }

    public static async Task<RedisRegistry> ConnectAsync(string configuration, TimeSpan? timeout = null)
    {
        var options = new GatewayOptions { State = { Store = "Redis", Redis = { Configuration = configuration, Timeout = timeout ?? TimeSpan.FromSeconds(1) } } };
        var connection = new RedisConnection(Microsoft.Extensions.Options.Options.Create(options), NullLoggerFactory.Instance);
        await connection.ConnectAsync(CancellationToken.None);
        var epoch = new RedisEpoch(connection);
        await epoch.RefreshAsync();
        var registry = new RedisReplayRegistry(connection, epoch, new StaticOptionsMonitor(options), TimeProvider.System, NullLoggerFactory.Instance);
        return new RedisRegistry(connection, registry, options);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
