using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Smp.Gateway.Collections;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Expiry;
using Smp.Gateway.State;

namespace Smp.Gateway.Replay;

/// <summary>
/// The embedded registry for one node. Entries are keyed by a 128-bit digest of the decoded <c>jti</c>
/// (small, and one value has one key whatever its spelling). It does not survive a restart, so it
/// refuses every token issued before it started (<see cref="EpochStart"/>).
/// </summary>
internal sealed class MemoryReplayRegistry : IReplayRegistry, ISweepable
{
    private readonly ExpiringMap<UInt128, Entry> _entries = new();
    private readonly ReplayQuotas _quotas = new();
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly ILogger _logger;

    public MemoryReplayRegistry(TimeProvider time, IOptionsMonitor<GatewayOptions> options, ILoggerFactory? loggers = null, GatewayMetrics? metrics = null)
    {
        metrics?.ObserveRegistryEntries(() => Count);
        _time = time;
        _options = options;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger(LogCategories.TokenRegistry);
        // The next whole second: a token issued by an earlier process in this very second is refused
        // too. The gateway starts serving only once this second has come (see StartupCheck).
        EpochStart = time.GetUtcNow().ToUnixTimeSeconds() + 1;
    }

    public long EpochStart { get; }

    public int Count => _entries.Count;

    public ValueTask<ReplayDecision> TryAcceptAsync(string jti, long counter, long keepUntil, CancellationToken cancellationToken) =>
        TryAcceptAsync(jti, counter, keepUntil, default, cancellationToken);

    public ValueTask<ReplayDecision> TryAcceptAsync(string jti, long counter, long keepUntil, ReplayOwner owner, CancellationToken cancellationToken)
    {
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (now >= keepUntil)
        {
            // Past its keep time an entry may already be swept; accepting here could accept twice.
            return ValueTask.FromResult(ReplayDecision.Replayed);
        }

        var options = _options.CurrentValue.Replay;
        UInt128 key = JtiDigest.Of(jti);
        if (!_entries.TryGetValue(key, out var entry))
        {
            if (!_entries.TryReserve(options.MaxEntries))
            {
                return ValueTask.FromResult(ReplayDecision.Unavailable);
            }

            if (!_quotas.TryTake(owner, options, out var lease, out string? full))
            {
                _entries.CancelReservation();
                GatewayLog.RegistryQuotaFull(_logger, jti, owner.Jkt, owner.Source, full!);
                return ValueTask.FromResult(ReplayDecision.OverQuota);
            }

            _entries.TryAddReserved(key, new Entry(keepUntil, lease), out entry);
        }

        ReplayDecision decision;
        ReplayWindow after;
        lock (entry)
        {
            decision = entry.Window.TryAccept(counter, options.Window) ? ReplayDecision.Accepted : ReplayDecision.Replayed;
            after = entry.Window;
        }

        // The registry's content after the check, as the original's "Token registry" records showed it: outside the lock.
        GatewayLog.RegistryChecked(_logger, jti, counter, decision.Name(), after.Highest, after.Seen);
        return ValueTask.FromResult(decision);
    }

    /// <summary>Drops the entries whose tokens have expired (plus skew); called periodically.</summary>
    public string SweptName => "replay registry";

    public int Sweep()
    {
        int removed = _entries.Sweep(_time.GetUtcNow().ToUnixTimeSeconds());
        _quotas.Trim();
        return removed;
    }

    private sealed class Entry(long keepUntil, ReplayQuotas.Lease lease) : IExpiringEntry
    {
        public readonly long KeepUntil = keepUntil;
        public readonly ReplayQuotas.Lease Lease = lease;
        public ReplayWindow Window;

        public long ExpiresAt => KeepUntil;

        public void Release() => ReplayQuotas.Release(Lease);
    }
}
