using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Acc;

/// <summary>
/// Checks one ACC attempt: a known account, then the previous password's grace period, then the lockout
/// shield in front of the directory. Every refusal is counted and logged with the account, the address, the
/// User-Agent and a fingerprint of the password (never the password), so an administrator can find the
/// agents that still hold a stale one.
/// </summary>
internal sealed class AccAuthenticator(
    IOptionsMonitor<GatewayOptions> options,
    LockoutShield shield,
    PasswordRotation rotation,
    DirectoryGuard directory,
    AccMetrics metrics,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Acc);

    public async Task<AccVerdict> AuthenticateAsync(string user, string password, string remote, string? userAgent)
    {
        // The shield's decision as a span: whether the directory was asked, and the outcome.
        using var activity = GatewayActivities.Source.StartActivity("smp.acc.check");
        string? account = KnownAccount(user);
        UInt128 key = shield.Fingerprint(account ?? user, password);
        AccVerdict verdict;
        if (account is null || password.Length == 0)
        {
            // An account name is no secret (every agent holds it); refusing others early spares the directory.
            verdict = AccVerdict.Reject(account is null ? "not an ACC account" : "empty password");
        }
        else if (rotation.IsPrevious(account, password, key, out var until))
        {
            verdict = AccVerdict.Accept(account, "previous password") with { PreviousPassword = true };
            GatewayLog.AccPreviousPasswordAccepted(_logger, account, remote, LogText.Escape(userAgent), until);
        }
        else
        {
            verdict = await shield.CheckAsync(account, password, remote, () => directory.BindAsync(account, password));
        }

        metrics.Attempt(verdict.Error ?? "accepted", verdict.Bound);
        activity?.SetTag("smp.acc.account", account ?? user);
        activity?.SetTag("smp.acc.bound", verdict.Bound);
        activity?.SetTag("smp.acc.decision", verdict.Reason);
        GatewayActivities.SetOutcome(activity, verdict.Error);
        if (!verdict.Accepted)
        {
            string fingerprint = ((uint)(key >> 96)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            GatewayLog.AccRefused(_logger, verdict.Error!, account ?? LogText.Escape(user), remote, LogText.Escape(userAgent), fingerprint, verdict.Reason);
        }

        return verdict;
    }

    private string? KnownAccount(string user)
    {
        var acc = options.CurrentValue.Acc;
        var names = acc.Directory.Url.Length > 0 ? acc.Directory.Users : acc.Accounts.Select(a => a.User);
        return names.FirstOrDefault(n => string.Equals(n, user, StringComparison.OrdinalIgnoreCase));
    }
}
