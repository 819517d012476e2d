using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// What a Site knows of its Issuer from the calls it already makes: when one last answered, when one last
/// failed, and the circuit's state. <c>/readyz</c> and the <c>smp.site.issuer_reachable</c> gauge read it
/// without calling the Issuer, so they answer at once however the Issuer fails.
/// </summary>
internal sealed class IssuerHealth
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _lastAnswer;
    private long _lastFailure;
    private long _unreachableSince;

    public IssuerHealth(IMeterFactory meters, TimeProvider time, ILoggerFactory loggers)
    {
        _time = time;
        _logger = loggers.CreateLogger(LogCategories.TokenCache);
        meters.Create(SiteMetrics.MeterName).CreateObservableGauge(
            "smp.site.issuer_reachable", () => Reachable ? 1 : 0,
            description: "1 while this Site's last call to its Issuer was answered and the circuit is closed; 0 while the Site is degraded (cached tokens served, new agents get 503 issuer-unavailable).");
    }

    /// <summary>Read by the circuit breaker; <see cref="Circuit"/> reports it.</summary>
    public CircuitBreakerStateProvider State { get; } = new();

    /// <summary>Lets the probe close the circuit as soon as the Issuer answers, before the break ends.</summary>
    public CircuitBreakerManualControl Control { get; } = new();

    public CircuitState Circuit => State.CircuitState;

    /// <summary>The last call was answered (or none failed yet) and the circuit lets calls through.</summary>
    public bool Reachable => Volatile.Read(ref _lastFailure) <= Volatile.Read(ref _lastAnswer) && Circuit is CircuitState.Closed or CircuitState.HalfOpen;

    public DateTimeOffset? LastAnswer => At(Volatile.Read(ref _lastAnswer));

    public DateTimeOffset? LastFailure => At(Volatile.Read(ref _lastFailure));

    /// <summary>An HTTP answer came back from the Issuer (whatever its status: it answers).</summary>
    public void Answered()
    {
        long now = _time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _lastAnswer, now);
        long since = Interlocked.Exchange(ref _unreachableSince, 0);
        if (since != 0)
        {
            GatewayLog.IssuerAnsweringAgain(_logger, TimeSpan.FromTicks(now - since).TotalSeconds);
        }
    }

    /// <summary>A call got no answer: refused connection, reset, timeout, or a 5xx, 408 or 429.</summary>
    public void Failed(string reason)
    {
        long now = _time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _lastFailure, now);
        if (Interlocked.CompareExchange(ref _unreachableSince, now, 0) == 0)
        {
            GatewayLog.IssuerUnreachable(_logger, reason);
        }
    }

    private static DateTimeOffset? At(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
