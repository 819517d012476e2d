using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// The system clock, counting how often its timers of one <see cref="Period"/> have fired: a test learns that a
/// background loop (a file watch, say) has looked again, instead of guessing a pause. Timers run as they would.
/// </summary>
internal sealed class TimerTicks(TimeSpan period) : TimeProvider
{
    private readonly ConcurrentBag<StrongBox<int>> _timers = [];

    public TimeSpan Period => period;

    /// <summary>The fewest ticks any timer of <see cref="Period"/> has had: each such loop has looked at least this often.</summary>
    public int Ticks => _timers.IsEmpty ? 0 : _timers.Min(t => Volatile.Read(ref t.Value));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Period)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var ticks = new StrongBox<int>();
        _timers.Add(ticks);
        return base.CreateTimer(s =>
        {
            callback(s);
            Interlocked.Increment(ref ticks.Value);
        }, state, dueTime, period);
    }
}
