using Smp.Gateway.Configuration;

namespace Smp.Gateway.Identity;

/// <summary>
/// Points the process's Kerberos library at the service account's keytab (<c>Gateway:Identity:KerberosKeytab</c>):
/// MIT's <c>KRB5_CLIENT_KTNAME</c>, read by GSSAPI when it needs a ticket and finds none, and unless the operator
/// named one, an in-memory ticket cache (<c>KRB5CCNAME=MEMORY:</c>), so no ticket is written to disk or mixed with
/// the account's own. Set with libc's <c>setenv</c>: .NET's own environment is not what the native library reads.
/// Set once a value changes, from the configuration's load, before the first token is asked for.
/// </summary>
internal static class KerberosEnvironment
{
    public const string ClientKeytabVariable = "KRB5_CLIENT_KTNAME";
    private static readonly Lock Gate = new();
    private static string? _applied;

    public static void Use(string keytab)
    {
        if (OperatingSystem.IsWindows())
        {
            // SSPI: the service's own account holds the tickets.
            return;
        }

        string value = "FILE:" + Path.GetFullPath(keytab);
        lock (Gate)
        {
            if (_applied == value)
            {
                return;
            }

            if (Environment.GetEnvironmentVariable("KRB5CCNAME") is null && _applied is null)
            {
                NativeEnvironment.Set("KRB5CCNAME", "MEMORY:smp-gateway");
            }

            NativeEnvironment.Set(ClientKeytabVariable, value);
            _applied = value;
        }
    }
}
