using System.DirectoryServices.Protocols;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>
/// For <c>gateway check-config --probe</c>: whether the directory (<c>Gateway:Acc:Directory:Url</c>) answers at all,
/// by an anonymous bind. Any answer will do, a refusal included; only no answer (unreachable, timed out, TLS not
/// accepted) is a problem. No account's password is tried, so no lockout counter moves.
/// </summary>
internal static class DirectoryProbe
{
    // LDAP client-side result codes: server down, timeout, connect error.
    private static readonly int[] NoAnswer = [81, 85, 91];

    public static string? Problem(AccDirectoryOptions directory)
    {
        var url = new Uri(directory.Url);
        var server = new LdapDirectoryIdentifier(url.Host, url.Port > 0 ? url.Port : (url.Scheme == "ldaps" ? 636 : 389));
        using var connection = new LdapConnection(server) { AuthType = AuthType.Anonymous, Timeout = directory.Timeout };
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.SecureSocketLayer = url.Scheme == "ldaps";
        try
        {
            connection.Bind();
            return null;
        }
        catch (LdapException e) when (NoAnswer.Contains(e.ErrorCode))
        {
            return $"Gateway:Acc:Directory:Url: {directory.Url} does not answer (LDAP error {e.ErrorCode}: {e.Message}); for ldaps, the system must trust its certificate.";
        }
        catch (LdapException)
        {
            // It answered, with a refusal of anonymous binds: it is there.
            return null;
        }
    }
}
