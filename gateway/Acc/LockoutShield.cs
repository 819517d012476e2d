using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// Stands between ACC and the directory (§11) so that agents with a stale password cannot lock the account:
/// a password known wrong is refused locally (429) without a bind; at most <c>WrongPasswordBudget</c> distinct
/// wrong passwords per account reach the directory (below its lockout threshold) until they expire or a bind
/// succeeds; one address may cause at most <c>PerSourceLimit</c> failed binds per window; and one password is
/// bound once however many agents send it at the same moment. Only keyed hashes (HMAC-SHA256 with a key drawn
/// when the process starts) of account and password are kept, never a password.
/// </summary>
internal sealed class LockoutShield(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    // A right password is not asked again for a while: the directory is spared one bind per request.
    private static readonly TimeSpan RememberGoodFor = TimeSpan.FromMinutes(5);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, AccountFailures> _accounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SourceThrottle _sources = new();

    /// <summary>The keyed hash of these credentials; its first bytes are the fingerprint the log shows.</summary>
    public UInt128 Fingerprint(string account, string password)
    {
        byte[] mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(account.ToUpperInvariant() + "\n" + password));
        return BinaryPrimitives.ReadUInt128LittleEndian(mac);
    }

    /// <summary>Decides locally where it can; otherwise runs <paramref name="bind"/> and learns from its answer.</summary>
    public async Task<AccVerdict> CheckAsync(string account, UInt128 key, string source, Func<Task<AccBindResult>> bind)
    {
        var s = options.CurrentValue.Acc.Shield;
        if (!s.Enabled)
        {
            return await AnswerAsync(account, bind(), s, bound: true);
        }

        var state = _accounts.GetOrAdd(account, _ => new AccountFailures());
        var now = time.GetUtcNow();
        Task<AccBindResult>? pending;
        TaskCompletionSource<AccBindResult>? owned = null;
        lock (state)
        {
            state.Prune(now);
            if (state.KnownGood.ContainsKey(key))
            {
                return AccVerdict.Accept(account, "password known right");
            }

            if (state.KnownWrong.TryGetValue(key, out var until))
            {
                return AccVerdict.Throttle(until - now, "password known wrong, refused without a bind");
            }

            if (!state.InFlight.TryGetValue(key, out pending))
            {
                if (state.Counted.Count + state.InFlight.Count >= s.WrongPasswordBudget)
                {
                    return AccVerdict.Throttle(state.BudgetFreeIn(now), $"the budget of {s.WrongPasswordBudget} wrong passwords is used, refused without a bind");
                }

                if (!_sources.MayBind(source, s.PerSourceLimit, now, out var retry))
                {
                    return AccVerdict.Throttle(retry, $"more than {s.PerSourceLimit} failed binds from this address, refused without a bind");
                }

                owned = new TaskCompletionSource<AccBindResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                pending = owned.Task;
                state.InFlight[key] = pending;
            }
        }

        if (owned is not null)
        {
            await BindAndLearnAsync(state, key, source, bind, owned, s);
        }

        return await AnswerAsync(account, pending, s, bound: owned is not null);
    }

    private async Task BindAndLearnAsync(
        AccountFailures state, UInt128 key, string source, Func<Task<AccBindResult>> bind, TaskCompletionSource<AccBindResult> owned, AccShieldOptions s)
    {
        AccBindResult result;
        try
        {
            result = await bind();
        }
        catch (Exception e)
        {
            // Nothing learned about the password: a sick directory is not a wrong password.
            lock (state)
            {
                state.InFlight.Remove(key);
            }

            owned.SetException(e);
            return;
        }

        var now = time.GetUtcNow();
        lock (state)
        {
            state.InFlight.Remove(key);
            switch (result)
            {
                case AccBindResult.Accepted:
                    state.Counted.Clear();
                    state.KnownGood[key] = now + RememberGoodFor;
                    break;
                case AccBindResult.Rejected:
                    state.KnownWrong[key] = now + s.RememberWrongFor;
                    state.Counted.Add(now + s.RememberWrongFor);
                    break;
                case AccBindResult.Locked:
                    state.Counted.Add(now + s.RememberWrongFor);
                    break;
            }
        }

        if (result != AccBindResult.Accepted)
        {
            _sources.Failed(source, s.PerSourceWindow, now);
        }

        owned.SetResult(result);
    }

    private static async Task<AccVerdict> AnswerAsync(string account, Task<AccBindResult> pending, AccShieldOptions s, bool bound)
    {
        try
        {
            return await pending switch
            {
                AccBindResult.Accepted => AccVerdict.Accept(account, bound ? "the directory accepted the password" : "accepted by a concurrent bind") with { Bound = bound },
                AccBindResult.Locked => AccVerdict.Reject("the directory says the account is locked") with { Bound = bound },
                _ => AccVerdict.Reject(bound ? "the directory refused the password" : "refused by a concurrent bind") with { Bound = bound },
            };
        }
        catch (AccDirectoryUnavailableException e)
        {
            return AccVerdict.Unavailable(s.CircuitBreakDuration, "the directory is unavailable: " + e.Message) with { Bound = bound };
        }
    }
}
