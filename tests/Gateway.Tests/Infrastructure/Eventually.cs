using System.Diagnostics;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// The one way the tests poll: look at a condition again and again, for at most a bound. Its pause between
/// looks is the suite's one polling wait; a test whose subject is time moves a FakeTimeProvider instead.
/// Each helper returns the last answer, so the test asserts on what it saw rather than on a timeout.
/// </summary>
internal static class Eventually
{
    /// <summary>Long enough for a Redis connection, a child process or a background loop to come round.</summary>
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Retries while the answer says "unavailable", for at most <see cref="DefaultBound"/>: a Redis connection comes back by itself.</summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> attempt, T unavailable) =>
        UntilAsync(attempt, answer => !EqualityComparer<T>.Default.Equals(answer, unavailable));

    /// <summary>
    /// Asks <paramref name="attempt"/> until <paramref name="done"/> holds for its answer or <paramref name="bound"/>
    /// has passed, with <paramref name="every"/> between asks (the first ask is at once); returns the last answer.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan? bound = null, TimeSpan? every = null)
    {
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            var answer = await attempt();
            if (done(answer) || Stopwatch.GetElapsedTime(start) > (bound ?? DefaultBound))
            {
                return answer;
            }

            await Task.Delay(every ?? DefaultEvery);
        }
    }

    /// <summary>Whether <paramref name="condition"/> came to hold within <paramref name="bound"/>.</summary>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? bound = null, TimeSpan? every = null) =>
        UntilAsync(() => Task.FromResult(condition()), held => held, bound, every);

    /// <summary>Whether <paramref name="condition"/> came to hold within <paramref name="bound"/>.</summary>
    public static Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? bound = null, TimeSpan? every = null) =>
        UntilAsync(condition, held => held, bound, every);

    /// <summary>
    /// Does <paramref name="step"/> every <paramref name="every"/> until <paramref name="period"/> has passed:
    /// a test that looks at a real server throughout an outage or a load, each look asserting as it goes.
    /// </summary>
    public static Task ThroughoutAsync(TimeSpan period, Func<Task> step, TimeSpan every)
    {
        long start = Stopwatch.GetTimestamp();
        return UntilAsync(async () => { await step(); return Stopwatch.GetElapsedTime(start) >= period; }, over => over, period + DefaultBound, every);
    }
}
