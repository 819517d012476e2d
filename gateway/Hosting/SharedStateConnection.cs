using Smp.Gateway.State;

namespace Smp.Gateway.Hosting;

/// <summary>
/// The shared store's connection, for a command on a host that is built but never started (<c>check-config --probe</c>,
/// the admin subcommands), which connects as the start does. <paramref name="redis"/> is registered only when
/// <c>Gateway:State:Store</c> is <c>Redis</c>; it is taken only when the command asks, since making it reads the options.
/// </summary>
internal sealed class SharedStateConnection(RedisConnection? redis = null)
{
    /// <summary>Connects to Redis; false, doing nothing, when the store is embedded.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return false;
        }

        await redis.ConnectAsync(cancellationToken);
        return true;
    }
}
