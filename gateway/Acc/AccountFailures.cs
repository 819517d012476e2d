namespace Smp.Gateway.Acc;

/// <summary>
/// What the embedded shield store knows about one account, under its lock: fingerprints of passwords known right
/// and known wrong, when each failed bind was recorded (Unix ms), and the binds in flight with when they give up.
/// </summary>
internal sealed class AccountFailures
{
    public Dictionary<UInt128, Known> Passwords { get; } = [];

    public List<long> Failures { get; } = [];

    public Dictionary<string, long> InFlight { get; } = [];

    /// <summary>
    /// Drops what has expired: failures older than <paramref name="window"/>, passwords past their time, binds past
    /// theirs, which become failures (unanswered, the directory may have counted them).
    /// </summary>
    public void Prune(long now, long window)
    {
        foreach (var (holder, until) in InFlight)
        {
            if (until <= now)
            {
                InFlight.Remove(holder);
                Failures.Add(now);
            }
        }

        Failures.RemoveAll(at => at <= now - window);

        foreach (var (key, known) in Passwords)
        {
            if (known.Until <= now)
            {
                Passwords.Remove(key);
            }
        }
    }

    /// <summary>A password's standing, when it was last confirmed by a bind, and until when it is remembered.</summary>
    internal readonly record struct Known(PasswordStanding Standing, long BoundAt, long Until);
}
