using System.Diagnostics.Metrics;

namespace Smp.Gateway.Diagnostics;

/// <summary>Counters of the <c>Smp.Gateway</c> meter for ACC: every attempt by outcome, and every bind the directory saw.</summary>
internal sealed class AccMetrics
{
    public const string MeterName = "Smp.Gateway";

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _binds;

    public AccMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("smp.gateway.acc.attempts", description: "ACC attempts, by outcome (accepted or the X-SMP-NSError code).");
        _binds = meter.CreateCounter<long>("smp.gateway.acc.binds", description: "Binds sent to the directory, by outcome.");
    }

    public void Attempt(string outcome, bool bound)
    {
        _attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (bound)
        {
            _binds.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
