using System.DirectoryServices.Protocols;
using System.Globalization;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// Reads the ACC account's lockout from the directory with <c>Gateway:Acc:Directory:ServiceBindDn</c>: Active
/// Directory's <c>badPwdCount</c>, <c>badPasswordTime</c> and <c>lockoutTime</c> against the domain's
/// <c>lockoutThreshold</c>, <c>lockOutObservationWindow</c> and <c>lockoutDuration</c>; or OpenLDAP ppolicy's
/// <c>pwdFailureTime</c> and <c>pwdAccountLockedTime</c> against the policy's <c>pwdMaxFailure</c>,
/// <c>pwdFailureCountInterval</c> and <c>pwdLockoutDuration</c>. Active Directory does not replicate
/// <c>badPwdCount</c>: point <c>Url</c> at the domain controller the binds go to (the PDC emulator sees every failure).
/// </summary>
internal sealed class LdapLockoutReader(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private const string ActiveDirectoryCapability = "1.2.840.113556.1.4.800";

    /// <summary>Whether a service bind is configured; without one <see cref="ReadAsync"/> answers null.</summary>
    public bool Configured => options.CurrentValue.Acc.Directory is { Url.Length: > 0, ServiceBindDn.Length: > 0 };

    /// <summary>The account's lockout as the directory counts it; null when not configured.</summary>
    public Task<DirectoryLockout?> ReadAsync(string account) =>
        Configured ? Task.Run(() => (DirectoryLockout?)Read(account)) : Task.FromResult<DirectoryLockout?>(null);

    private DirectoryLockout Read(string account)
    {
        var d = options.CurrentValue.Acc.Directory;
        try
        {
            using var connection = LdapAccDirectory.Connect(d, d.ServiceBindDn, d.ServicePassword);
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            connection.Bind();
            var root = Entry(connection, string.Empty, "(objectClass=*)", SearchScope.Base, "supportedCapabilities", "defaultNamingContext");
            return root is not null && Values(root, "supportedCapabilities").Contains(ActiveDirectoryCapability)
                ? ReadActiveDirectory(connection, Values(root, "defaultNamingContext").First(), account)
                : ReadPasswordPolicy(connection, d, account);
        }
        catch (Exception e) when (e is LdapException or DirectoryOperationException or InvalidOperationException)
        {
            throw new AccDirectoryUnavailableException($"reading the lockout of {account} with Gateway:Acc:Directory:ServiceBindDn failed: {e.Message}", e);
        }
    }

    private DirectoryLockout ReadActiveDirectory(LdapConnection connection, string domain, string account)
    {
        string name = account.Contains('\\') ? account[(account.IndexOf('\\') + 1)..] : account.Split('@')[0];
        var user = Entry(connection, domain, $"(sAMAccountName={EscapeFilter(name)})", SearchScope.Subtree, "badPwdCount", "badPasswordTime", "lockoutTime")
            ?? throw new InvalidOperationException($"no account {name} under {domain}");
        var policy = Entry(connection, domain, "(objectClass=*)", SearchScope.Base, "lockoutThreshold", "lockOutObservationWindow", "lockoutDuration")
            ?? throw new InvalidOperationException($"the domain {domain} cannot be read");
        long now = time.GetUtcNow().ToFileTime();
        int threshold = Threshold(Values(policy, "lockoutThreshold").FirstOrDefault(), options.CurrentValue.Acc.Directory.LockoutThreshold);

        // Intervals are negative counts of 100 ns; lockoutDuration's smallest value means "until an administrator unlocks".
        long window = -Number(policy, "lockOutObservationWindow"), duration = -Number(policy, "lockoutDuration");
        long lastFailure = Number(user, "badPasswordTime"), lockedAt = Number(user, "lockoutTime");
        int failures = now - lastFailure < window ? (int)Number(user, "badPwdCount") : 0;
        bool locked = lockedAt > 0 && (duration < 0 || now - lockedAt < duration);
        return new DirectoryLockout(failures, threshold, locked);
    }

    private DirectoryLockout ReadPasswordPolicy(LdapConnection connection, AccDirectoryOptions d, string account)
    {
        string dn = LdapAccDirectory.BindName(d.BindDnTemplate, account);
        var user = Entry(connection, dn, "(objectClass=*)", SearchScope.Base, "pwdFailureTime", "pwdAccountLockedTime", "pwdPolicySubentry")
            ?? throw new InvalidOperationException($"no entry {dn}");
        string policyDn = Values(user, "pwdPolicySubentry").FirstOrDefault() ?? d.PasswordPolicyDn;
        var policy = policyDn.Length > 0
            ? Entry(connection, policyDn, "(objectClass=*)", SearchScope.Base, "pwdMaxFailure", "pwdFailureCountInterval", "pwdLockoutDuration", "pwdLockout")
            : null;
        int threshold = policy is null ? d.LockoutThreshold
            : Values(policy, "pwdLockout").FirstOrDefault() == "FALSE" ? 0 : Threshold(Values(policy, "pwdMaxFailure").FirstOrDefault(), d.LockoutThreshold);
        long interval = policy is null ? 0 : Number(policy, "pwdFailureCountInterval"), duration = policy is null ? 0 : Number(policy, "pwdLockoutDuration");
        var now = time.GetUtcNow();
        // A time that does not parse counts as now: a failure still in the window, a lock still in force.
        int failures = Values(user, "pwdFailureTime").Select(v => GeneralizedTime(v) ?? now).Count(t => interval == 0 || (now - t).TotalSeconds < interval);
        string? lockedAt = Values(user, "pwdAccountLockedTime").FirstOrDefault();
        bool locked = lockedAt is not null
            && (duration == 0 || lockedAt.StartsWith("000001010000", StringComparison.Ordinal) || (now - (GeneralizedTime(lockedAt) ?? now)).TotalSeconds < duration);
        return new DirectoryLockout(failures, threshold, locked);
    }

    private static SearchResultEntry? Entry(LdapConnection connection, string dn, string filter, SearchScope scope, params string[] attributes)
    {
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(dn, filter, scope, attributes) { SizeLimit = 2 });
        return response.Entries.Count == 1 ? response.Entries[0] : null;
    }

    private static List<string> Values(SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute) ? entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToList() : [];

    private static long Number(SearchResultEntry entry, string attribute) =>
        long.TryParse(Values(entry, attribute).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0;

    /// <summary>
    /// The lockout threshold from its attribute; absent or unreadable: unknown, so the configured
    /// <c>Gateway:Acc:Directory:LockoutThreshold</c> (never "no limit", which only an explicit 0 says).
    /// </summary>
    internal static int Threshold(string? value, int configured) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0 ? n : configured;

    // "20261202113015Z" or "20261202113015.123456Z": whole seconds are enough for windows counted in seconds; null if not one.
    internal static DateTimeOffset? GeneralizedTime(string value) =>
        value.Length >= 14 && DateTimeOffset.TryParseExact(
            value[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string EscapeFilter(string value) =>
        string.Concat(value.Select(c => c is '*' or '(' or ')' or '\\' or '\0' ? $"\\{(int)c:x2}" : c.ToString()));
}
