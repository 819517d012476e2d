using System.Diagnostics.Metrics;
namespace Smp.Gateway.Diagnostics;

/// <summary>
/// The <c>Smp.Gateway</c> meter: authentications by scheme and outcome, tokens issued, issue and
/// validation durations, registry checks and live entries, agents enrolled and revoked. ACC counters
/// are in <see cref="AccMetrics"/>, on the same meter.
/// </summary>
internal sealed class GatewayMetrics
{
    // Seconds, from 100 µs (a proof whose server signature is cached) to 10 s (a store timing out): without
    // advice the SDK's default bounds are milliseconds' (0 to 10000), and every observation lands in the first.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private readonly Counter<long> _authentications;
    private readonly Counter<long> _issued;
    private readonly Histogram<double> _issueDuration;
    private readonly Histogram<double> _validationDuration;
    private readonly Counter<long> _registryChecks;
    private readonly Counter<long> _agents;
    private readonly Counter<long> _byMethod;

    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = _meter = meters.Create(AccMetrics.MeterName);
        _authentications = meter.CreateCounter<long>("smp.gateway.authentications", description: "Authentications by scheme (SMPToken, connection) and outcome (accepted, hello, or the X-SMP-NSError code).");
        _issued = meter.CreateCounter<long>("smp.gateway.tokens.issued", description: "Tokens signed.");
        _issueDuration = meter.CreateHistogram<double>("smp.gateway.token.issue.duration", "s", "Time to build and sign a token.", advice: Seconds);
        _validationDuration = meter.CreateHistogram<double>("smp.gateway.proof.validation.duration", "s", "Time to validate a proof, by outcome.", advice: Seconds);
        _registryChecks = meter.CreateCounter<long>("smp.gateway.registry.checks", description: "Replay registry checks, by decision.");
        _agents = meter.CreateCounter<long>("smp.gateway.agents", description: "Agents enrolled, revoked and reinstated, by change.");
        _byMethod = meter.CreateCounter<long>("smp.gateway.authentications.by_method", description: "Requests authenticated and forwarded, by method (Token, ACC, Windows, PushInstall, Asdk).");
    }

    /// <summary>Observes the embedded replay registry's size; the shared (Redis) registry has no such gauge.</summary>
    public void ObserveRegistryEntries(Func<int> count) =>
        _meter.CreateObservableGauge("smp.gateway.registry.entries", count, description: "Live tokens in the embedded replay registry.");

    public void Authentication(string scheme, string outcome) =>
        _authentications.Add(1, new("scheme", scheme), new("outcome", outcome));

    public void Issued(TimeSpan duration)
    {
        _issued.Add(1);
        _issueDuration.Record(duration.TotalSeconds);
    }

    public void Validated(string? error, TimeSpan duration) =>
        _validationDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", error ?? "accepted"));

    public void RegistryChecked(string decision) =>
        _registryChecks.Add(1, new KeyValuePair<string, object?>("decision", decision));

    public void AuthenticatedBy(string method) => _byMethod.Add(1, new KeyValuePair<string, object?>("method", method));

    /// <summary>The activity's gauges: enrolled agents by state (the Issuer's count, refreshed now and then), and ACC sources this node saw in the last day.</summary>
    public void ObserveInsight(Func<IReadOnlyDictionary<string, long>> agentsByState, Func<int> accSourcesActive)
    {
        _meter.CreateObservableGauge("smp.gateway.agents.by_state",
            () => agentsByState().Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("state", s.Key))),
            description: "Enrolled agents by state (Active, Pending, Blocked, Revoked), at the Issuer.");
        _meter.CreateObservableGauge("smp.gateway.acc.sources.active", accSourcesActive,
            description: "ACC sources (account, address, User-Agent) that authenticated at this node in the last day.");
    }

    public void AgentChanged(string change) => _agents.Add(1, new KeyValuePair<string, object?>("change", change));
}
