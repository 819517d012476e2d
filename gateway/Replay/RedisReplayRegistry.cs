using System.Globalization;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.State;
using StackExchange.Redis;

namespace Smp.Gateway.Replay;

/// <summary>
/// The registry shared by several nodes (§9): one Lua script per check, so the check and the update are
/// one atomic step in Redis whatever node sends it. It survives a node's restart, so no token is
/// refused for being older than the node; a Redis that lost its data lost the epoch kept beside it
/// (<see cref="RedisEpoch"/>), and tokens older than the new one are refused. The check compares the
/// epoch in the same script, so a proof checked before this node read the new epoch is refused too (503,
/// and the agent's next proof meets the new epoch). Any failure refuses the proof, never accepts it.
/// </summary>
internal sealed class RedisReplayRegistry(
    RedisConnection redis,
    RedisEpoch epoch,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IReplayRegistry
{
    private static readonly LuaScript Script = LuaScript.Prepare(RedisReplayScript.Text);
    private static readonly LuaScript ScriptWithEpoch = LuaScript.Prepare(RedisReplayScript.WithEpoch);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenRegistry);

    public long EpochStart => epoch.Current;

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
            epochKey = redis.Keys.Epoch,
            epoch = epoch.Current.ToString(CultureInfo.InvariantCulture),
            counter = counter.ToString(CultureInfo.InvariantCulture),
            width = options.CurrentValue.Replay.Window,
            keepUntil,
        };
        try
        {
            var script = redis.IsCluster ? Script : ScriptWithEpoch;
            var result = (long)await redis.CallAsync((script, parameters), static (db, s) => s.script.EvaluateAsync(db, s.parameters), "the replay check");
            if (result == 2)
            {
                await redis.CallAsync(_ => epoch.RefreshAsync(), "the replay check");
                GatewayLog.StateStoreUnavailable(_logger, "the replay check", "the registry's epoch moved (Redis lost its data); refused, the next proof meets the new epoch");
                return ReplayDecision.Unavailable;
            }

            var decision = result == 1 ? ReplayDecision.Accepted : ReplayDecision.Replayed;
            GatewayLog.SharedRegistryChecked(_logger, jti, counter, decision.Name());
            return decision;
        }
        catch (StateUnavailableException e)
        {
            // The store's own words, as the log has always had them.
            GatewayLog.StateStoreUnavailable(_logger, "the replay check", e.InnerException!.Message);
            return ReplayDecision.Unavailable;
        }
    }
}
