using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A real OpenLDAP slapd on 127.0.0.1 (a free port, a temporary folder) with a ppolicy that locks the ACC
/// account after <see cref="MaxFailure"/> failed binds, like Active Directory's lockout threshold. Its access
/// log (<c>loglevel stats</c>, read from its standard error) counts the binds it saw. Stopped on dispose.
/// </summary>
internal sealed class LdapServer : IAsyncDisposable, IFleetDirectory
{
    public const string Suffix = "dc=example,dc=com";
    public const string Account = "svc-acc";
    public const string Password = "right-password";
    public const string BindDnTemplate = "uid={0},ou=people," + Suffix;
    public const int MaxFailure = 5;
    public const string PolicyDn = "cn=lockout,ou=policies," + Suffix;

    /// <summary>The rootdn: exempt from the policy, left out of the bind counts; the shield's service bind in tests.</summary>
    public const string RootDn = "cn=admin," + Suffix;
    public const string RootPassword = "root-secret";

    private readonly TempFolder _folder;
    private readonly Process _slapd;
    private readonly HashSet<string> _rootConnections = [];
    private int _failedBinds;
    private int _acceptedBinds;

    private LdapServer(TempFolder folder, Process slapd, int port, int maxFailure)
    {
        _folder = folder;
        _slapd = slapd;
        Port = port;
        LockoutThreshold = maxFailure;
        slapd.ErrorDataReceived += (_, e) => Count(e.Data);
        slapd.OutputDataReceived += (_, e) => Count(e.Data);
    }

    public int Port { get; }
    public int LockoutThreshold { get; }
    string IFleetDirectory.Name => "slapd";
    string IFleetDirectory.Account => Account;
    string IFleetDirectory.Password => Password;

    /// <summary>The gateway's settings for this directory; with <paramref name="serviceBind"/>, the shield reads ppolicy's counts.</summary>
    public Dictionary<string, string?> Settings(bool serviceBind)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Acc:Directory:Url"] = Url,
            ["Gateway:Acc:Directory:BindDnTemplate"] = BindDnTemplate,
            ["Gateway:Acc:Directory:Users:0"] = Account,
            ["Gateway:Acc:Directory:LockoutThreshold"] = LockoutThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (serviceBind)
        {
            settings["Gateway:Acc:Directory:ServiceBindDn"] = RootDn;
            settings["Gateway:Acc:Directory:ServicePassword"] = RootPassword;
            settings["Gateway:Acc:Directory:PasswordPolicyDn"] = PolicyDn;
        }

        return settings;
    }

    /// <summary>ppolicy's record of failures: how many <c>pwdFailureTime</c> values the entry holds.</summary>
    public string FailureRecord()
    {
        using var connection = Connect(RootDn, RootPassword);
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(AccountDn, "(objectClass=*)", SearchScope.Base, "pwdFailureTime"));
        var values = response.Entries[0].Attributes.Contains("pwdFailureTime") ? response.Entries[0].Attributes["pwdFailureTime"].Count : 0;
        return $"pwdFailureTime x{values}";
    }

    bool IFleetDirectory.Locked() => AccountLocked();

    /// <summary>Binds as the ACC account directly, as something other than the gateway would; false when refused.</summary>
    public bool TryBind(string password)
    {
        try
        {
            Connect(AccountDn, password).Dispose();
            return true;
        }
        catch (LdapException)
        {
            return false;
        }
    }
    public string Url => $"ldap://127.0.0.1:{Port}";
    public int FailedBinds => Volatile.Read(ref _failedBinds);
    public int AcceptedBinds => Volatile.Read(ref _acceptedBinds);
    public static string AccountDn => string.Format(System.Globalization.CultureInfo.InvariantCulture, BindDnTemplate, Account);

    public static async Task<LdapServer> StartAsync(int maxFailure = MaxFailure)
    {
        string slapd = Find("slapd") ?? throw new InvalidOperationException(
            "slapd was not found (PATH, /usr/sbin): install slapd and ldap-utils, as .ci/run does (apt-get install slapd ldap-utils).");
        string slapadd = Find("slapadd") ?? throw new InvalidOperationException("slapadd was not found: install slapd.");
        var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "db"));
        string conf = Path.Combine(folder.Path, "slapd.conf");
        await File.WriteAllTextAsync(conf, Config(folder.Path));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "base.ldif"), Ldif.Replace($"pwdMaxFailure: {MaxFailure}", $"pwdMaxFailure: {maxFailure}", StringComparison.Ordinal));
        await RunAsync(slapadd, ["-f", conf, "-l", Path.Combine(folder.Path, "base.ldif")]);

        int port = FreePort.Next();
        var info = new ProcessStartInfo(slapd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "-f", conf, "-h", $"ldap://127.0.0.1:{port}/", "-d", "stats" })
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        var server = new LdapServer(folder, process, port, maxFailure);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>Whether ppolicy has locked the ACC account (its entry holds <c>pwdAccountLockedTime</c>).</summary>
    public bool AccountLocked()
    {
        using var connection = Connect(RootDn, RootPassword);
        var response = (SearchResponse)connection.SendRequest(new SearchRequest(AccountDn, "(objectClass=*)", SearchScope.Base, "pwdAccountLockedTime"));
        return response.Entries.Count == 1 && response.Entries[0].Attributes.Contains("pwdAccountLockedTime");
    }

    /// <summary>Waits until slapd has written the result of every bind it answered.</summary>
    public Task SettleAsync()
    {
        // Settled: two looks 200 ms apart see the same count.
        int last = -1;
        return Eventually.TrueAsync(() => last == (last = FailedBinds + AcceptedBinds), every: TimeSpan.FromMilliseconds(200));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _slapd.Kill(entireProcessTree: true);
            await _slapd.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _slapd.Dispose();
        _folder.Dispose();
    }

    private LdapConnection Connect(string dn, string password)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", Port), new NetworkCredential(dn, password), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Timeout = TimeSpan.FromSeconds(5);
        connection.Bind();
        return connection;
    }

    private async Task WaitReadyAsync()
    {
        bool ready = await Eventually.TrueAsync(() =>
        {
            try
            {
                Connect(RootDn, RootPassword).Dispose();
                return true;
            }
            catch (LdapException) when (!_slapd.HasExited)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        if (!ready)
        {
            // The last try, to throw what slapd answers.
            Connect(RootDn, RootPassword).Dispose();
        }
    }

    private void Count(string? line)
    {
        // "conn=1000 op=0 BIND dn=..." then "conn=1000 op=0 RESULT tag=97 err=49 ...": tag 97 is a bind
        // response, 49 invalid credentials. The rootdn's binds (this class's own) are left out.
        if (line is null)
        {
            return;
        }

        int at = line.IndexOf("conn=", StringComparison.Ordinal);
        string conn = at < 0 ? string.Empty : line[at..].Split(' ')[0];
        if (line.Contains($" BIND dn=\"{RootDn}\"", StringComparison.Ordinal))
        {
            lock (_rootConnections)
            {
                _rootConnections.Add(conn);
            }

            return;
        }

        if (!line.Contains("RESULT tag=97 ", StringComparison.Ordinal))
        {
            return;
        }

        lock (_rootConnections)
        {
            if (_rootConnections.Contains(conn))
            {
                return;
            }
        }

        if (line.Contains(" err=49 ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _failedBinds);
        }
        else if (line.Contains(" err=0 ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _acceptedBinds);
        }
    }

    private static string Config(string folder) => $"""
        include /etc/ldap/schema/core.schema
        include /etc/ldap/schema/cosine.schema
        include /etc/ldap/schema/inetorgperson.schema
        {(Directory.Exists("/usr/lib/ldap") ? "modulepath /usr/lib/ldap" : string.Empty)}
        moduleload back_mdb
        moduleload ppolicy
        pidfile {folder}/slapd.pid
        loglevel stats
        database mdb
        maxsize 10485760
        suffix "{Suffix}"
        rootdn "{RootDn}"
        rootpw {RootPassword}
        directory {folder}/db
        overlay ppolicy
        ppolicy_default "{PolicyDn}"
        ppolicy_use_lockout

        """;

    private static readonly string Ldif = $"""
        dn: {Suffix}
        objectClass: dcObject
        objectClass: organization
        o: Example
        dc: example

        dn: ou=people,{Suffix}
        objectClass: organizationalUnit
        ou: people

        dn: ou=policies,{Suffix}
        objectClass: organizationalUnit
        ou: policies

        dn: {PolicyDn}
        objectClass: device
        objectClass: pwdPolicy
        cn: lockout
        pwdAttribute: userPassword
        pwdLockout: TRUE
        pwdMaxFailure: {MaxFailure}
        pwdLockoutDuration: 0
        pwdFailureCountInterval: 0

        dn: uid={Account},ou=people,{Suffix}
        objectClass: inetOrgPerson
        uid: {Account}
        cn: {Account}
        sn: acc
        userPassword: {Password}

        """;

    private static string? Find(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/sbin").Append("/usr/local/sbin");
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    private static async Task RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        string error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {error}");
        }
    }
}
