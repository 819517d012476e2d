using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A real Active Directory domain controller (Samba 4, <c>EXAMPLE.TEST</c>) provisioned in a temporary folder and
/// run as <c>samba -i -M single</c>. It binds the fixed ports 88, 389, 636 and 445 of 127.0.0.1, so one instance
/// serves a whole test run (<see cref="SambaFixture"/>). Simple binds over plain LDAP are allowed
/// (<c>ldap server require strong auth = no</c>); its authentication audit (on standard output) counts each
/// account's failed binds. Lockout: <see cref="LockoutThreshold"/> failures within 30 minutes lock for 30.
/// It is the realm's KDC too (<see cref="KerberosRealm"/> on 127.0.0.1:88): service and machine accounts, SPNs and
/// keytabs are made here, and <see cref="KerberosKit"/> points a process at it.
/// </summary>
internal sealed class SambaDc : IAsyncDisposable
{
    public const string Realm = "example.test";
    public const string AdminPassword = "Admin-Pass-123";
    public const int LockoutThreshold = 6;
    public const string Url = "ldap://127.0.0.1:389";
    /// <summary>The Kerberos realm, as principals name it.</summary>
    public const string KerberosRealm = "EXAMPLE.TEST";

    private readonly TempFolder _folder;
    private readonly Process _samba;
    private readonly List<string> _audit = [];

    private SambaDc(TempFolder folder, Process samba)
    {
        _folder = folder;
        _samba = samba;
    }

    public string Conf => Path.Combine(_folder.Path, "dc", "etc", "smb.conf");

    public static async Task<SambaDc> StartAsync()
    {
        var folder = new TempFolder();
        string dc = Path.Combine(folder.Path, "dc");
        await RunAsync("samba-tool", "domain", "provision", "--realm=EXAMPLE.TEST", "--domain=EXAMPLE", "--server-role=dc", "--dns-backend=NONE",
            "--adminpass=" + AdminPassword, "--targetdir=" + dc, "--option=interfaces=lo", "--option=bind interfaces only=yes");
        string conf = Path.Combine(dc, "etc", "smb.conf");
        string text = await File.ReadAllTextAsync(conf);
        // Its RPC endpoints bind below FreePort's range and the kernel's ephemeral one: by default they take ports
        // from 49152 up, where the many outgoing connections of the tests running beside it may hold one already.
        text = text.Replace(
                "[global]",
                "[global]\n\tldap server require strong auth = no\n\tlog level = 1 auth_audit:3\n\trpc server dynamic port range = 19100-19400",
                StringComparison.Ordinal)
            .Replace("log file = /var/log/samba/log.%m", $"log file = {dc}/log.%m", StringComparison.Ordinal);
        await File.WriteAllTextAsync(conf, text);

        var start = new ProcessStartInfo("samba") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "-i", "-s", conf, "-M", "single" })
        {
            start.ArgumentList.Add(a);
        }

        var samba = new SambaDc(folder, Process.Start(start)!);
        samba._samba.OutputDataReceived += (_, e) => samba.Audit(e.Data);
        samba._samba.ErrorDataReceived += (_, e) => samba.Audit(e.Data);
        samba._samba.BeginOutputReadLine();
        samba._samba.BeginErrorReadLine();
        await samba.WaitReadyAsync();
        await RunAsync("samba-tool", "domain", "passwordsettings", "set", $"--account-lockout-threshold={LockoutThreshold}",
            "--account-lockout-duration=30", "--reset-account-lockout-after=30", "-s", conf);
        return samba;
    }

    /// <summary>Creates an account with <paramref name="password"/>; <paramref name="options"/> as <c>samba-tool user create</c> takes them.</summary>
    public Task CreateUserAsync(string name, string password, params string[] options) =>
        RunAsync(["samba-tool", "user", "create", name, password, "-s", Conf, .. options]);

    /// <summary>Runs <c>samba-tool user VERB NAME ...</c> (disable, setexpiry, ...).</summary>
    public Task UserAsync(string verb, string name, params string[] options) => RunAsync(["samba-tool", "user", verb, name, "-s", Conf, .. options]);

    /// <summary>
    /// A service account (an <c>_SMP_IUSR</c>-like user) with AES keys only (<c>msDS-SupportedEncryptionTypes</c> 24),
    /// so the tickets issued to it and the keytab exported for it use AES.
    /// </summary>
    public async Task CreateServiceAccountAsync(string name, string password)
    {
        await CreateUserAsync(name, password);
        SetAesOnly(name);
    }

    /// <summary>
    /// A machine account <c>NAME$</c> that can <c>kinit</c> with <paramref name="password"/> (<c>samba-tool computer
    /// create --prepare-oldjoin</c>, then its password set), AES only. Returns its account name, <c>NAME$</c>.
    /// </summary>
    public async Task<string> CreateMachineAccountAsync(string name, string password)
    {
        string account = name + "$";
        await RunAsync("samba-tool", "computer", "create", name, "--prepare-oldjoin", "-s", Conf);
        await RunAsync("samba-tool", "user", "setpassword", account, "--newpassword=" + password, "-s", Conf);
        SetAesOnly(account);
        return account;
    }

    /// <summary><c>samba-tool spn add SPN ACCOUNT</c>: <paramref name="spn"/> as <c>HTTP/host.example.test</c>.</summary>
    public Task AddSpnAsync(string account, string spn) => RunAsync("samba-tool", "spn", "add", spn, account, "-s", Conf);

    /// <summary>
    /// <c>samba-tool domain exportkeytab FILE --principal=...</c>: the keys of <paramref name="principal"/> (an account
    /// name or an SPN) into <paramref name="file"/>, read from the directory itself (the DC's own database).
    /// </summary>
    public Task ExportKeytabAsync(string file, string principal) =>
        RunAsync("samba-tool", "domain", "exportkeytab", file, "--principal=" + principal, "-s", Conf);

    /// <summary>Failed binds of <paramref name="account"/> in the authentication audit.</summary>
    public int FailedBinds(string account)
    {
        string mapped = $"mapped to [EXAMPLE]\\[{account}]";
        lock (_audit)
        {
            return _audit.Count(l => l.Contains(mapped, StringComparison.OrdinalIgnoreCase) && !l.Contains("status [NT_STATUS_OK]", StringComparison.Ordinal));
        }
    }

    public int AuditLines
    {
        get
        {
            lock (_audit)
            {
                return _audit.Count;
            }
        }
    }

    /// <summary>
    /// An attribute of <paramref name="account"/>, read as Administrator. The single-process DC, busy with a fleet's
    /// binds on two shared cores, sometimes drops a new connection ("server unavailable", 81): the read is tried again
    /// a few times, since it is how the test looks, not what it tests.
    /// </summary>
    public string? Attribute(string account, string attribute)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return ReadAttribute(account, attribute);
            }
            catch (LdapException e) when (e.ErrorCode == 81 && attempt < 5)
            {
                Thread.Sleep(500 * attempt);
            }
        }
    }

    private void SetAesOnly(string account)
    {
        using var connection = Administrator();
        var response = (SearchResponse)connection.SendRequest(new SearchRequest("DC=example,DC=test", $"(sAMAccountName={account})", SearchScope.Subtree, "dn"));
        connection.SendRequest(new ModifyRequest(response.Entries[0].DistinguishedName, DirectoryAttributeOperation.Replace, "msDS-SupportedEncryptionTypes", "24"));
    }

    private static LdapConnection Administrator()
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", 389), new NetworkCredential("Administrator@" + Realm, AdminPassword), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        connection.Bind();
        return connection;
    }

    private string? ReadAttribute(string account, string attribute)
    {
        using var connection = Administrator();
        var response = (SearchResponse)connection.SendRequest(new SearchRequest("DC=example,DC=test", $"(sAMAccountName={account})", SearchScope.Subtree, attribute));
        var entry = response.Entries[0];
        return entry.Attributes.Contains(attribute) ? (string)entry.Attributes[attribute][0] : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_samba.HasExited)
        {
            _samba.Kill(entireProcessTree: true);
            await _samba.WaitForExitAsync();
        }

        _samba.Dispose();
        _folder.Dispose();
    }

    private void Audit(string? line)
    {
        if (line is not null && line.StartsWith("Auth:", StringComparison.Ordinal))
        {
            lock (_audit)
            {
                _audit.Add(line);
            }
        }
    }

    private async Task WaitReadyAsync()
    {
        bool ready = await Eventually.TrueAsync(() =>
        {
            try
            {
                ReadAttribute("Administrator", "badPwdCount");
                return true;
            }
            catch (Exception e) when ((e is LdapException or DirectoryOperationException) && !_samba.HasExited)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));
        if (!ready)
        {
            // The last try, to throw what the DC answers.
            ReadAttribute("Administrator", "badPwdCount");
        }
    }

    private static Task RunAsync(params string[] command) => ExternalTool.RunAsync(null, null, command);
}
