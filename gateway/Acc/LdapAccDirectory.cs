using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Acc;

/// <summary>Checks ACC passwords by an LDAP simple bind (<c>Gateway:Acc:Directory</c>), one connection per bind.</summary>
internal sealed class LdapAccDirectory(IOptionsMonitor<GatewayOptions> options) : IAccDirectory
{
    private const int InvalidCredentials = 49;

    // System.DirectoryServices.Protocols binds synchronously; the connection's own timeout bounds it.
    public Task<AccBindResult> BindAsync(string account, string password, CancellationToken cancel) =>
        Task.Run(() => Bind(account, password), cancel);

    /// <summary>The bind name for <paramref name="user"/>: escaped as a DN value when the template is a DN.</summary>
    public static string BindName(string template, string user) =>
        template.Replace("{0}", template.Contains('=') ? EscapeDnValue(user) : user, StringComparison.Ordinal);

    /// <summary>A connection to <c>Gateway:Acc:Directory:Url</c> that binds as <paramref name="name"/> (not bound yet).</summary>
    public static LdapConnection Connect(AccDirectoryOptions d, string name, string password)
    {
        var url = new Uri(d.Url);
        var server = new LdapDirectoryIdentifier(url.Host, url.Port > 0 ? url.Port : (url.Scheme == "ldaps" ? 636 : 389));
        var connection = new LdapConnection(server, new NetworkCredential(name, password), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.SessionOptions.SecureSocketLayer = url.Scheme == "ldaps";
        connection.Timeout = d.Timeout;
        return connection;
    }

    private AccBindResult Bind(string account, string password)
    {
        // An LDAP simple bind with an empty password is an anonymous bind, and succeeds (RFC 4513 §5.1.2).
        if (password.Length == 0)
        {
            return AccBindResult.Rejected;
        }

        var d = options.CurrentValue.Acc.Directory;
        using var connection = Connect(d, BindName(d.BindDnTemplate, account), password);
        try
        {
            connection.Bind();
            return AccBindResult.Accepted;
        }
        catch (LdapException e) when (e.ErrorCode == InvalidCredentials)
        {
            return ResultOf(e.ServerErrorMessage);
        }
        catch (LdapException e)
        {
            throw new AccDirectoryUnavailableException($"LDAP error {e.ErrorCode}: {e.Message}", e);
        }
        catch (DirectoryOperationException e)
        {
            throw new AccDirectoryUnavailableException(e.Message, e);
        }
    }

    /// <summary>
    /// Active Directory (and Samba) explain an invalid-credentials answer with the Windows error in the diagnostic
    /// message (<c>... AcceptSecurityContext error, data 775, v4563</c>): only <c>52e</c> (and no code, as OpenLDAP
    /// answers) says the password is wrong; the others say the account cannot log on, whatever the password, so an
    /// unknown code is a restriction, never a wrong password (which would be remembered and refused).
    /// </summary>
    public static AccBindResult ResultOf(string? diagnostic)
    {
        var data = System.Text.RegularExpressions.Regex.Match(diagnostic ?? string.Empty, @"\bdata ([0-9a-fA-F]{3,8})\b");
        return data.Success ? data.Groups[1].Value.ToLowerInvariant() switch
        {
            "775" => AccBindResult.Locked,
            "533" => AccBindResult.Disabled,
            "532" or "701" or "773" => AccBindResult.Expired,
            "52e" => AccBindResult.Rejected,
            _ => AccBindResult.Restricted,
        } : AccBindResult.Rejected;
    }

    private static string EscapeDnValue(string value)
    {
        // RFC 4514 §2.4, so that a user name cannot add or change the DN's components.
        var s = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '='
                || (i == 0 && c is ' ' or '#') || (i == value.Length - 1 && c == ' ');
            if (c < ' ')
            {
                s.Append('\\').Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                s.Append(special ? "\\" : string.Empty).Append(c);
            }
        }

        return s.ToString();
    }
}
