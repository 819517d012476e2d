using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// <c>Gateway:Acc:Rotation</c>: recognises the account's previous password until the end of its grace period,
/// without a bind, so that agents not yet moved to the new password neither fail nor count against the lockout.
/// </summary>
internal sealed class PasswordRotation(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private const int MaxRemembered = 10_000;

    // A PBKDF2 check costs tens of milliseconds: each distinct password is checked once (by its keyed hash).
    private readonly ConcurrentDictionary<(string Hash, UInt128 Key), bool> _checked = new();

    /// <summary>Whether <paramref name="password"/> is the previous password of <paramref name="account"/>, still in its grace period.</summary>
    public bool IsPrevious(string account, string password, UInt128 key, out DateTimeOffset until)
    {
        var r = options.CurrentValue.Acc.Rotation;
        until = r.PreviousPasswordUntil ?? default;
        if (r.PreviousPasswordUntil is null || time.GetUtcNow() >= until || !string.Equals(r.User, account, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_checked.TryGetValue((r.PreviousPasswordHash, key), out bool known))
        {
            return known;
        }

        bool previous = PasswordHash.Verify(password, r.PreviousPasswordHash);
        if (_checked.Count > MaxRemembered)
        {
            _checked.Clear();
        }

        _checked[(r.PreviousPasswordHash, key)] = previous;
        return previous;
    }
}
