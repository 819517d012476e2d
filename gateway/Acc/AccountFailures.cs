namespace Smp.Gateway.Acc;

/// <summary>
/// What the shield knows about one account, under its lock: keyed hashes of passwords known right and known
/// wrong, the failed binds that count against the budget, and the binds in flight (so that one password is
/// bound once however many agents send it at the same moment).
/// </summary>
internal sealed class AccountFailures
{
    public Dictionary<UInt128, DateTimeOffset> KnownGood { get; } = [];

    public Dictionary<UInt128, DateTimeOffset> KnownWrong { get; } = [];

    /// <summary>When each failed bind since the last success stops counting against the budget.</summary>
    public List<DateTimeOffset> Counted { get; } = [];

    public Dictionary<UInt128, Task<AccBindResult>> InFlight { get; } = [];

    public void Prune(DateTimeOffset now)
    {
        Remove(KnownGood, now);
        Remove(KnownWrong, now);
        Counted.RemoveAll(until => until <= now);
    }

    /// <summary>How long until the budget has room again.</summary>
    public TimeSpan BudgetFreeIn(DateTimeOffset now) => Counted.Count == 0 ? TimeSpan.Zero : Counted.Min() - now;

    private static void Remove(Dictionary<UInt128, DateTimeOffset> entries, DateTimeOffset now)
    {
        foreach (var (key, until) in entries)
        {
            if (until <= now)
            {
                entries.Remove(key);
            }
        }
    }
}
