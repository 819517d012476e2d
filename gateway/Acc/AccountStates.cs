using System.Collections.Concurrent;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Acc;

/// <summary>
/// The account states the directory reported (locked, disabled, expired): each is answered 403 with its code, and
/// logged once when it appears (again only after the account has been accepted since), with what to do about it.
/// </summary>
internal sealed class AccountStates(ILogger logger)
{
    private readonly ConcurrentDictionary<string, AccBindResult> _reported = new(StringComparer.OrdinalIgnoreCase);

    public AccVerdict Refused(string account, AccBindResult state)
    {
        var verdict = AccVerdict.AccountState(state, $"the directory says the account is {state.ToString().ToLowerInvariant()}")!;
        if (!_reported.TryGetValue(account, out var before) || before != state)
        {
            _reported[account] = state;
            GatewayLog.AccAccountState(logger, account, verdict.Error!, state switch
            {
                AccBindResult.Locked => "unlock it in the directory (AD: Unlock-ADAccount; OpenLDAP: delete pwdAccountLockedTime), then find the agents with a stale password in the acc-throttled lines",
                AccBindResult.Disabled => "enable the account in the directory, or give the agents another ACC account",
                AccBindResult.Restricted => "the directory refuses it for another reason than its password (AD: logon hours, Log On To workstations, data other than 52e): lift the restriction on the account",
                _ => "set a new password on the account in the directory (it has expired or must be changed) and give it to the agents, with Gateway:Acc:Rotation for the old one",
            });
        }

        return verdict;
    }

    /// <summary>An accepted password: the account is usable again, so a later state is logged anew.</summary>
    public AccVerdict Accepted(AccVerdict verdict, string account)
    {
        _reported.TryRemove(account, out _);
        return verdict;
    }
}
