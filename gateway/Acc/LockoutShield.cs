using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.State;

namespace Smp.Gateway.Acc;

/// <summary>
/// Stands between ACC and the directory (§11) so that agents with a stale password cannot lock the account, and
/// the right password is never refused because wrong ones came first: a password known wrong is refused locally
/// (429) without a bind; any other is bound whenever one more failure cannot lock the account, counting the
/// failures the directory itself reports (<see cref="LdapLockoutReader"/>) or, without a service bind, those
/// the fleet caused (<see cref="IShieldStore"/>), plus the binds in flight on every node. One address may
/// cause at most <c>PerSourceLimit</c> failed binds per window, and one password is bound once per node however
/// many agents send it at the same moment. Account states (locked, disabled, expired) are answered 403 and
/// never recorded as a wrong password.
/// </summary>
internal sealed class LockoutShield(
    IOptionsMonitor<GatewayOptions> options, TimeProvider time, IShieldStore store, LdapLockoutReader directory, ILoggerFactory loggers)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(50);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<(string, UInt128), Task<AccVerdict>> _inFlight = new();
    private readonly SourceThrottle _sources = new();
    private readonly ILogger _log = loggers.CreateLogger(LogCategories.Acc);
    private readonly AccountStates _states = new(loggers.CreateLogger(LogCategories.Acc));

    /// <summary>This node's keyed hash of these credentials, for the log's fingerprint and the rotation check.</summary>
    public UInt128 Fingerprint(string account, string password)
    {
        byte[] mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(account.ToUpperInvariant() + "\n" + password));
        return BinaryPrimitives.ReadUInt128LittleEndian(mac);
    }

    /// <summary>Decides locally where it can; otherwise runs <paramref name="bind"/> and learns from its answer.</summary>
    public async Task<AccVerdict> CheckAsync(string account, string password, string source, Func<Task<AccBindResult>> bind)
    {
        var s = options.CurrentValue.Acc.Shield;
        if (!s.Enabled)
        {
            return await BindAsync(account, bind);
        }

        try
        {
            var fingerprint = await store.FingerprintAsync(account, password);
            var known = await store.LookupAsync(account, fingerprint, s);
            if (known.Standing != PasswordStanding.Unknown)
            {
                return Known(account, known.Standing, known.RetryAfter);
            }

            var owned = new TaskCompletionSource<AccVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
            var pending = _inFlight.GetOrAdd((account.ToUpperInvariant(), fingerprint), owned.Task);
            if (pending != owned.Task)
            {
                return await pending with { Bound = false };
            }

            try
            {
                var verdict = await DecideAsync(account, fingerprint, source, bind, known.Now, s);
                owned.SetResult(verdict);
                return verdict;
            }
            catch (Exception e)
            {
                owned.SetException(e);
                throw;
            }
            finally
            {
                _inFlight.TryRemove((account.ToUpperInvariant(), fingerprint), out _);
            }
        }
        catch (StateUnavailableException e)
        {
            return AccVerdict.StoreUnavailable(e.Message);
        }
    }

    private async Task<AccVerdict> DecideAsync(string account, UInt128 fingerprint, string source, Func<Task<AccBindResult>> bind, long readAt, AccShieldOptions s)
    {
        var d = options.CurrentValue.Acc.Directory;
        var hold = d.Timeout + TimeSpan.FromSeconds(2);
        var giveUp = time.GetUtcNow() + hold;
        string holder = Guid.NewGuid().ToString("N");
        long reservedAt;
        while (true)
        {
            DirectoryLockout? lockout;
            try
            {
                lockout = await directory.ReadAsync(account);
            }
            catch (AccDirectoryUnavailableException e)
            {
                return AccVerdict.Unavailable(s.CircuitBreakDuration, "the directory is unavailable: " + e.Message);
            }

            if (lockout is { Locked: true })
            {
                return Answer(account, AccBindResult.Locked, bound: false);
            }

            // One more failure must not lock: at most threshold - 1 counted, fewer where a budget keeps some in reserve.
            int threshold = lockout?.Threshold ?? d.LockoutThreshold;
            int limit = threshold <= 0 ? s.WrongPasswordBudget ?? int.MaxValue : Math.Min(s.WrongPasswordBudget ?? threshold - 1, threshold - 1);
            if (!_sources.MayBind(source, s.PerSourceLimit, time.GetUtcNow(), out var retry))
            {
                return AccVerdict.Throttle(retry, $"more than {s.PerSourceLimit} failed binds from this address, refused without a bind");
            }

            var r = await store.TryReserveAsync(account, fingerprint, holder, limit, lockout?.Failures ?? -1, readAt, hold, s);
            if (r.Reserved)
            {
                reservedAt = r.Now;
                break;
            }

            if (r.Known != PasswordStanding.Unknown)
            {
                return Known(account, r.Known, s.RememberWrongFor) with { Reason = "learned from a bind elsewhere" };
            }

            if (r.InFlight == 0 || time.GetUtcNow() >= giveUp)
            {
                string counted = lockout is null ? "the fleet's failed binds" : "the directory's failed binds";
                return AccVerdict.Throttle(r.RetryAfter, $"{counted} reach {limit}: one more failure could lock the account, refused without a bind");
            }

            // Binds in flight elsewhere will free room or teach this password: look again shortly.
            readAt = r.Now;
            await Task.Delay(Recheck, time);
        }

        AccBindResult? result = null;
        try
        {
            var answer = await bind();
            if (answer == AccBindResult.Rejected && directory.Configured)
            {
                // OpenLDAP answers a locked account with a plain invalid-credentials: its entry tells. Unread, the
                // password may be right on a locked account: refused, released unknown, never recorded wrong.
                var entry = await ReadAfterBindAsync(account);
                if (entry is null)
                {
                    return Answer(account, AccBindResult.Rejected, bound: true);
                }

                answer = entry.Locked ? AccBindResult.Locked : answer;
            }

            result = answer;
        }
        catch (AccDirectoryUnavailableException e)
        {
            // Unanswered, the bind may have been counted by the directory: released as such (null) unless never sent.
            result = e.NotSent ? AccBindResult.NotSent : null;
            return AccVerdict.Unavailable(s.CircuitBreakDuration, "the directory is unavailable: " + e.Message) with { Bound = true };
        }
        finally
        {
            await store.ReleaseAsync(account, fingerprint, holder, reservedAt, result, s);
            if (result is not null and not AccBindResult.Accepted and not AccBindResult.NotSent)
            {
                _sources.Failed(source, s.PerSourceWindow, time.GetUtcNow());
            }
        }

        return Answer(account, result.Value, bound: true);
    }

    private async Task<DirectoryLockout?> ReadAfterBindAsync(string account)
    {
        try
        {
            return await directory.ReadAsync(account);
        }
        catch (AccDirectoryUnavailableException e)
        {
            GatewayLog.AccLockoutUnreadAfterBind(_log, account, e.Message);
            return null;
        }
    }

    private async Task<AccVerdict> BindAsync(string account, Func<Task<AccBindResult>> bind)
    {
        try
        {
            return Answer(account, await bind(), bound: true);
        }
        catch (AccDirectoryUnavailableException e)
        {
            return AccVerdict.Unavailable(options.CurrentValue.Acc.Shield.CircuitBreakDuration, "the directory is unavailable: " + e.Message) with { Bound = true };
        }
    }

    private AccVerdict Known(string account, PasswordStanding standing, TimeSpan retryAfter) => standing == PasswordStanding.Right
        ? _states.Accepted(AccVerdict.Accept(account, "password known right"), account)
        : AccVerdict.Throttle(retryAfter, "password known wrong, refused without a bind");

    private AccVerdict Answer(string account, AccBindResult result, bool bound) => result switch
    {
        AccBindResult.Accepted => _states.Accepted(AccVerdict.Accept(account, "the directory accepted the password") with { Bound = bound }, account),
        AccBindResult.Rejected => AccVerdict.Reject("the directory refused the password") with { Bound = bound },
        _ => _states.Refused(account, result) with { Bound = bound },
    };
}
