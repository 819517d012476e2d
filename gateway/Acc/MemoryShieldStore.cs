using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// The embedded shield store, for one node: the same rules as <see cref="RedisShieldStore"/>, in memory. Its
/// fingerprints are HMAC-SHA256 under a key drawn when the process starts, so they mean nothing elsewhere; a
/// restart forgets everything, which is safe where the directory's own count is read (<c>ServiceBindDn</c>).
/// </summary>
internal sealed class MemoryShieldStore(TimeProvider time) : IShieldStore
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, AccountFailures> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<UInt128> FingerprintAsync(string account, string password)
    {
        byte[] mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(account.ToUpperInvariant() + "\n" + password));
        return ValueTask.FromResult(BinaryPrimitives.ReadUInt128LittleEndian(mac));
    }

    public ValueTask<ShieldLookup> LookupAsync(string account, UInt128 fingerprint, AccShieldOptions s)
    {
        var state = _accounts.GetOrAdd(account, _ => new AccountFailures());
        long now = Now();
        lock (state)
        {
            state.Prune(now, Ms(s.RememberWrongFor));
            return ValueTask.FromResult(new ShieldLookup(Renew(state, fingerprint, now, s), s.RememberWrongFor, now));
        }
    }

    public ValueTask<ShieldReservation> TryReserveAsync(
        string account, UInt128 fingerprint, string holder, int limit, int directoryFailures, long readAt, TimeSpan hold, AccShieldOptions s)
    {
        var state = _accounts.GetOrAdd(account, _ => new AccountFailures());
        long now = Now(), window = Ms(s.RememberWrongFor);
        lock (state)
        {
            state.Prune(now, window);
            var known = Renew(state, fingerprint, now, s);
            if (known != PasswordStanding.Unknown)
            {
                return ValueTask.FromResult(new ShieldReservation(false, known, 0, s.RememberWrongFor, now));
            }

            int counted = directoryFailures >= 0 ? directoryFailures + state.Failures.Count(at => at >= readAt) : state.Failures.Count;
            if (counted + state.InFlight.Count < limit)
            {
                state.InFlight[holder] = now + Ms(hold);
                return ValueTask.FromResult(new ShieldReservation(true, PasswordStanding.Unknown, 0, TimeSpan.Zero, now));
            }

            long retry = state.Failures.Count > 0 ? state.Failures.Min() + window - now : 1000;
            return ValueTask.FromResult(new ShieldReservation(false, PasswordStanding.Unknown, state.InFlight.Count, TimeSpan.FromMilliseconds(retry), now));
        }
    }

    public ValueTask ReleaseAsync(string account, UInt128 fingerprint, string holder, long reservedAt, AccBindResult? result, AccShieldOptions s)
    {
        var state = _accounts.GetOrAdd(account, _ => new AccountFailures());
        long now = Now();
        lock (state)
        {
            state.InFlight.Remove(holder);
            switch (result)
            {
                case AccBindResult.Accepted:
                    state.Failures.RemoveAll(at => at < reservedAt);
                    state.Passwords[fingerprint] = new(PasswordStanding.Right, now, now + Ms(s.RememberRightFor));
                    break;
                case AccBindResult.Rejected:
                    state.Failures.Add(now);
                    state.Passwords[fingerprint] = new(PasswordStanding.Wrong, now, now + Ms(s.RememberWrongFor));
                    break;
                case null:
                    // No answer: the directory may have counted it, so it counts; nothing is learned about the password.
                    state.Failures.Add(now);
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The standing of a password; a right one is renewed by this use up to <c>RightAtMostFor</c> after its bind, a
    /// wrong one never (it lapses <c>RememberWrongFor</c> after its bind, so it is bound again in time).
    /// </summary>
    private static PasswordStanding Renew(AccountFailures state, UInt128 fingerprint, long now, AccShieldOptions s)
    {
        if (!state.Passwords.TryGetValue(fingerprint, out var known))
        {
            return PasswordStanding.Unknown;
        }

        if (known.Standing == PasswordStanding.Right && now - known.BoundAt >= Ms(s.RightAtMostFor))
        {
            state.Passwords.Remove(fingerprint);
            return PasswordStanding.Unknown;
        }

        if (known.Standing == PasswordStanding.Right)
        {
            state.Passwords[fingerprint] = known with { Until = now + Ms(s.RememberRightFor) };
        }

        return known.Standing;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Ms(TimeSpan t) => (long)t.TotalMilliseconds;
}
