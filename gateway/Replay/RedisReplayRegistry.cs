using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.State;
using StackExchange.Redis;

namespace Smp.Gateway.Replay;

/// <summary>
/// The registry shared by several nodes (§9): one Lua script per check, so the check and the update are
/// one atomic step in Redis whatever node sends it. It survives a node's restart, so no token is
/// refused for being older than the node (<see cref="EpochStart"/> is 0); it is only as durable as the
/// Redis itself, which must persist (see README). Any failure refuses the proof, never accepts it.
/// </summary>
internal sealed class RedisReplayRegistry(
    RedisConnection redis,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IReplayRegistry
{
    private static readonly LuaScript Script = LuaScript.Prepare(RedisReplayScript.Text);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenRegistry);

    public long EpochStart => 0;

    public async ValueTask<ReplayDecision> TryAcceptAsync(string jti, long counter, long keepUntil, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow().ToUnixTimeSeconds() >= keepUntil)
        {
            // As the embedded registry: past its keep time the entry may be gone, so accepting could accept twice.
            return ReplayDecision.Replayed;
        }

        var parameters = new
        {
            key = redis.Keys.Replay(jti),
            counter = counter.ToString(CultureInfo.InvariantCulture),
            width = options.CurrentValue.Replay.Window,
            keepUntil,
        };
        try
        {
            var result = await Script.EvaluateAsync(redis.Database, parameters);
            var decision = (long)result == 1 ? ReplayDecision.Accepted : ReplayDecision.Replayed;
            GatewayLog.SharedRegistryChecked(_logger, jti, counter, decision);
            return decision;
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            GatewayLog.StateStoreUnavailable(_logger, "the replay check", e.Message);
            return ReplayDecision.Unavailable;
        }
    }
}
