using Microsoft.Extensions.Diagnostics.HealthChecks;
using Smp.Gateway.Agents;
using Smp.Gateway.Keys;
using Smp.Gateway.State;

namespace Smp.Gateway.Hosting;

/// <summary>
/// <c>/readyz</c>: the signing keys are loaded, and the agent store and replay registry answer. A Redis
/// node is ready only while Redis answers a PING; the embedded stores are ready once open. A Site is
/// ready once it holds the Issuer's keys (§10); whether its Issuer answers is <c>Sites/SiteSide/IssuerReadiness</c>.
/// <paramref name="redis"/> is registered only when <c>Gateway:State:Store</c> is <c>Redis</c>.
/// </summary>
internal sealed class ReadinessCheck(ServerKeyRing keys, IAgentLookup agents, RedisConnection? redis = null) : IHealthCheck
{
    private const string ProbeAgent = "00000000-0000-0000-0000-000000000000";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // An Issuer signs with its current key; a Site only verifies, with the Issuer's published keys.
        var data = new Dictionary<string, object> { ["published keys"] = string.Join(",", keys.Published.Select(k => k.Kid)) };
        if (keys.Published.Count == 0)
        {
            return HealthCheckResult.Unhealthy("no server key is loaded or fetched yet", data: data);
        }
        try
        {
            await agents.FindAsync(ProbeAgent, cancellationToken);
            if (redis is not null)
            {
                data["redis round trip ms"] = (await redis.Database.PingAsync()).TotalMilliseconds;
            }
        }
        catch (Exception e) when (e is StateUnavailableException || RedisConnection.IsFailure(e))
        {
            // The exception's text (for Redis, the client's whole diagnostic dump) goes to the log, not the answer.
            return HealthCheckResult.Unhealthy("the agent store or the replay registry does not answer", e, data);
        }

        return HealthCheckResult.Healthy("keys loaded, agent store and replay registry answer", data);
    }
}
