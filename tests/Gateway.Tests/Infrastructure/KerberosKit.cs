namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A test's own Kerberos setting: a <c>krb5.conf</c> in a temporary folder naming the domain controller on 127.0.0.1
/// (TCP, no DNS lookups, no reverse lookups), and the variables that point one process at it
/// (<c>KRB5_CONFIG</c>, <c>KRB5CCNAME</c>, <c>KRB5_CLIENT_KTNAME</c>, <c>KRB5_KTNAME</c>, <c>KRB5RCACHEDIR</c>). The
/// machine's <c>/etc/krb5.conf</c>, default ticket cache and keytab are never read nor written: every process that
/// speaks Kerberos in a test is started with <see cref="Environment"/>.
/// </summary>
internal sealed class KerberosKit : IDisposable
{
    private readonly TempFolder _folder = new();

    public KerberosKit()
    {
        ConfigFile = System.IO.Path.Combine(_folder.Path, "krb5.conf");
        System.IO.File.WriteAllText(ConfigFile, $$"""
            [libdefaults]
                default_realm = {{SambaDc.KerberosRealm}}
                dns_lookup_kdc = false
                dns_lookup_realm = false
                dns_canonicalize_hostname = false
                rdns = false
                udp_preference_limit = 0
                ignore_acceptor_hostname = true
            [realms]
                {{SambaDc.KerberosRealm}} = {
                    kdc = 127.0.0.1
                }
            [domain_realm]
                .{{SambaDc.Realm}} = {{SambaDc.KerberosRealm}}
                {{SambaDc.Realm}} = {{SambaDc.KerberosRealm}}
            """);
        Directory.CreateDirectory(System.IO.Path.Combine(_folder.Path, "rcache"));
    }

    /// <summary>The folder of this kit's files (keytabs and caches go here).</summary>
    public string Folder => _folder.Path;

    public string ConfigFile { get; }

    /// <summary>A file name in <see cref="Folder"/>, e.g. for a keytab.</summary>
    public string File(string name) => System.IO.Path.Combine(_folder.Path, name);

    /// <summary>
    /// The variables for one process: this kit's <c>krb5.conf</c>, a ticket cache of its own (<paramref name="ccache"/>,
    /// or a new empty one), a client keytab it takes tickets from when the cache is empty, an acceptor keytab a
    /// server reads, and a replay cache in the kit's folder.
    /// </summary>
    public Dictionary<string, string> Environment(string? ccache = null, string? clientKeytab = null, string? acceptorKeytab = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["KRB5_CONFIG"] = ConfigFile,
            ["KRB5CCNAME"] = "FILE:" + (ccache ?? File("ccache-" + Guid.NewGuid().ToString("N"))),
            ["KRB5RCACHEDIR"] = File("rcache"),
        };
        if (clientKeytab is not null)
        {
            environment["KRB5_CLIENT_KTNAME"] = "FILE:" + clientKeytab;
        }

        if (acceptorKeytab is not null)
        {
            environment["KRB5_KTNAME"] = "FILE:" + acceptorKeytab;
        }

        return environment;
    }

    public void Dispose() => _folder.Dispose();
}
