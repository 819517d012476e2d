using Microsoft.Extensions.Time.Testing;
using Smp.Gateway.Insight;

namespace Smp.Gateway.Tests.Insight;

/// <summary>
/// The system clock moved forward by <see cref="Offset"/>, whose timers of <see cref="ActivityFlush.Period"/> run on a
/// FakeTimeProvider: the test fires the activity's flush with <see cref="FlushNow"/> instead of waiting a minute, while
/// every other timer of the host (sweeps, watches, timeouts) runs as it would.
/// </summary>
internal sealed class FlushClock : TimeProvider
{
    private readonly FakeTimeProvider _flushTimers = new(DateTimeOffset.UtcNow);

    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        period == ActivityFlush.Period ? _flushTimers.CreateTimer(callback, state, dueTime, period) : base.CreateTimer(callback, state, dueTime, period);

    /// <summary>One period of the flush timers passes.</summary>
    public void FlushNow() => _flushTimers.Advance(ActivityFlush.Period);
}
