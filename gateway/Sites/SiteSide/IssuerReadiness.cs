using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's Issuer in <c>/readyz</c>, from what the Site already knows (<see cref="IssuerHealth"/>), never a
/// call: an Issuer that does not answer makes the Site degraded (200), not unready. It still serves every
/// agent it caches (§10), so a load balancer must keep it; only new agents wait for the Issuer.
/// </summary>
internal sealed class IssuerReadiness(IssuerHealth health, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["reachable"] = health.Reachable,
            ["circuit"] = health.Circuit switch { CircuitState.Open or CircuitState.Isolated => "open", CircuitState.HalfOpen => "half-open", _ => "closed" },
        };
        var now = time.GetUtcNow();
        if (health.LastAnswer is { } answer)
        {
            data["last answer s ago"] = Math.Round((now - answer).TotalSeconds, 1);
        }

        if (health.LastFailure is { } failure)
        {
            data["last failure s ago"] = Math.Round((now - failure).TotalSeconds, 1);
        }

        return Task.FromResult(health.Reachable
            ? HealthCheckResult.Healthy("issuer answering", data)
            : HealthCheckResult.Degraded("issuer unreachable: cached agents served, new agents get 503 issuer-unavailable", data: data));
    }
}
