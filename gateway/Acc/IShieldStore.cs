using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// Where the lockout shield keeps what it knows (§11): fingerprints of passwords known right and known wrong,
/// the failed binds it caused and the binds in flight, per account. In memory for one node; in Redis for a
/// fleet, so that the budget is the fleet's and a restart or another node does not start blind.
/// </summary>
internal interface IShieldStore
{
    /// <summary>A keyed fingerprint of the password, the same on every node sharing the store; never the password.</summary>
    ValueTask<UInt128> FingerprintAsync(string account, string password);

    /// <summary>The password's standing; a known right one's memory is renewed by this use (a wrong one's never).</summary>
    ValueTask<ShieldLookup> LookupAsync(string account, UInt128 fingerprint, AccShieldOptions s);

    /// <summary>
    /// Reserves one bind for <paramref name="holder"/> if the failures counted (the directory's
    /// <paramref name="directoryFailures"/> read after <paramref name="readAt"/>, plus those recorded since; or,
    /// with -1, the store's own count) and the binds in flight stay below <paramref name="limit"/>. The reservation
    /// lapses after <paramref name="hold"/>, so that a node that dies in a bind does not hold it for ever.
    /// </summary>
    ValueTask<ShieldReservation> TryReserveAsync(string account, UInt128 fingerprint, string holder, int limit, int directoryFailures, long readAt, TimeSpan hold, AccShieldOptions s);

    /// <summary>Ends <paramref name="holder"/>'s bind and learns from its result (null: no answer, counted as a failed bind since the directory may have counted it, but the password is not recorded wrong).
    /// A right answer forgets only the failures recorded before <paramref name="reservedAt"/> (the reservation's
    /// <see cref="ShieldReservation.Now"/>): wrong binds the directory processed after the right one still count.
    /// </summary>
    ValueTask ReleaseAsync(string account, UInt128 fingerprint, string holder, long reservedAt, AccBindResult? result, AccShieldOptions s);
}
