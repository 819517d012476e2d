namespace Smp.Gateway.Expiry;

/// <summary>
/// A store in memory that holds entries until their tokens expire and drops them only when swept: each registers
/// itself as one, and <c>Hosting/ExpirySweeper</c> sweeps the list. Stores whose entries expire by themselves (in
/// Redis) are not on it.
/// </summary>
internal interface ISweepable
{
    /// <summary>What the clean-up's log line calls the store.</summary>
    string SweptName { get; }

    /// <summary>The entries held now.</summary>
    int Count { get; }

    /// <summary>Drops the entries whose tokens have expired; returns how many.</summary>
    int Sweep();
}
