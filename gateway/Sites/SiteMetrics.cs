using System.Diagnostics.Metrics;

namespace Smp.Gateway.Sites;

/// <summary>
/// The Site traffic, as counters of the <c>Smp.Gateway</c> meter (for OpenTelemetry) and as totals an
/// administrator or a test reads from the host: calls are counted, never assumed.
/// </summary>
public sealed class SiteMetrics
{
    public const string MeterName = "Smp.Gateway";

    private readonly Counter<long> _received;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _fetched;
    private readonly Counter<long> _cacheHits;
    private long _receivedTotal;
    private long _callsTotal;
    private long _fetchedTotal;
    private long _cacheHitsTotal;

    public SiteMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("smp.issuer.site_calls", description: "Site calls received by the Issuer (client-tokens).");
        _calls = meter.CreateCounter<long>("smp.site.issuer_calls", description: "Calls a Site sent to the Issuer, retries included.");
        _fetched = meter.CreateCounter<long>("smp.site.tokens_fetched", description: "Tokens a Site received from the Issuer.");
        _cacheHits = meter.CreateCounter<long>("smp.site.cache_hits", description: "Hellos a Site answered from its token cache.");
    }

    /// <summary>At the Issuer: client-tokens calls received from Sites.</summary>
    public long SiteCallsReceived => Interlocked.Read(ref _receivedTotal);

    /// <summary>At a Site: HTTP calls sent to the Issuer (client-tokens and agent-status, each retry counted).</summary>
    public long IssuerCalls => Interlocked.Read(ref _callsTotal);

    /// <summary>At a Site: tokens received from the Issuer.</summary>
    public long TokensFetched => Interlocked.Read(ref _fetchedTotal);

    /// <summary>At a Site: tokens handed out from the cache.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHitsTotal);

    internal void SiteCallReceived() => Add(_received, ref _receivedTotal, 1);

    internal void IssuerCallSent() => Add(_calls, ref _callsTotal, 1);

    internal void TokensReceived(int count) => Add(_fetched, ref _fetchedTotal, count);

    internal void CacheHit() => Add(_cacheHits, ref _cacheHitsTotal, 1);

    private static void Add(Counter<long> counter, ref long total, long value)
    {
        Interlocked.Add(ref total, value);
        counter.Add(value);
    }
}
