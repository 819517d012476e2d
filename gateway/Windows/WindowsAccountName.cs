namespace Smp.Gateway.Windows;

/// <summary>A Kerberos principal as Windows names the account: <c>HOST$@EXAMPLE.TEST</c> is <c>EXAMPLE\HOST$</c>.</summary>
internal static class WindowsAccountName
{
    /// <param name="principal">The authenticated name GSSAPI gives: <c>user@REALM</c> (Kerberos) or <c>DOMAIN\user</c> (NTLM).</param>
    /// <param name="domain"><c>Gateway:Windows:Domain</c>; empty: the realm's first label, upper case.</param>
    public static string From(string principal, string domain)
    {
        if (principal.Contains('\\'))
        {
            return principal;
        }

        int at = principal.LastIndexOf('@');
        if (at < 0)
        {
            return domain.Length > 0 ? domain + "\\" + principal : principal;
        }

        string realm = principal[(at + 1)..];
        int dot = realm.IndexOf('.');
        string netbios = domain.Length > 0 ? domain : (dot < 0 ? realm : realm[..dot]).ToUpperInvariant();
        return netbios + "\\" + principal[..at];
    }
}
