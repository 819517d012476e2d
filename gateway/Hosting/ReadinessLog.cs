using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Hosting;

/// <summary>
/// The details <c>/readyz</c> keeps out of its answer (an exception's text, such as a Redis client's dump), in
/// the log instead: one line when a check stops being healthy or its reason changes, one when it is back.
/// Probes come every few seconds; the log says only what changed.
/// </summary>
internal sealed class ReadinessLog(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(LogCategories.Upstream);
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);

    public void Record(HealthReport report)
    {
        foreach (var (check, entry) in report.Entries)
        {
            string reason = entry.Description ?? entry.Status.ToString();
            string state = entry.Status + ": " + reason;
            string? previous = _last.TryGetValue(check, out var p) ? p : null;
            if (previous == state || (previous is null && entry.Status == HealthStatus.Healthy))
            {
                _last[check] = state;
                continue;
            }

            _last[check] = state;
            if (entry.Status == HealthStatus.Healthy)
            {
                GatewayLog.ReadyAgain(_log, check, reason);
            }
            else
            {
                GatewayLog.NotReady(_log, check, reason, entry.Exception?.Message ?? "-");
            }
        }
    }
}
