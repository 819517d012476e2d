using System.Net;
using System.Text;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Identity;

/// <summary>
/// Reads and checks a cluster's upstream identity: <c>Metadata:SmpUpstreamIdentity</c> (<c>Headers</c>, the default;
/// <c>Basic</c>; <c>Negotiate</c>), for Basic <c>SmpUpstreamUser</c> with <c>SmpUpstreamPasswordFile</c> or
/// <c>SmpUpstreamPasswordVariable</c> (never a password in the file itself) and only to HTTPS or loopback destinations,
/// for Negotiate <c>SmpUpstreamSpn</c> (default <c>HTTP/</c> and the destination's host) and a keytab
/// (<c>Gateway:Identity:KerberosKeytab</c>). Each problem names its key; used at start, on every reload, and by
/// <c>gateway doctor</c>.
/// </summary>
internal static class UpstreamIdentitySettings
{
    public const string IdentityKey = "SmpUpstreamIdentity";
    public const string UserKey = "SmpUpstreamUser";
    public const string PasswordFileKey = "SmpUpstreamPasswordFile";
    public const string PasswordVariableKey = "SmpUpstreamPasswordVariable";
    public const string SpnKey = "SmpUpstreamSpn";
    public const string KeytabKey = "Gateway:Identity:KerberosKeytab";

    /// <summary>The credential of <paramref name="cluster"/>, or the problems that keep it from being built (each naming its key).</summary>
    public static UpstreamCredential? Read(ClusterConfig cluster, string? keytab, Func<string, string?> variable, List<string> problems)
    {
        string prefix = $"ReverseProxy:Clusters:{cluster.ClusterId}:Metadata:";
        string? Meta(string key) => cluster.Metadata is not null && cluster.Metadata.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        int before = problems.Count;

        if (Meta("SmpUpstreamPassword") is not null)
        {
            problems.Add($"{prefix}SmpUpstreamPassword: a password is never read from the configuration: put it in a file only the gateway's account reads " +
                $"({PasswordFileKey}) or in an environment variable ({PasswordVariableKey}).");
        }

        string value = Meta(IdentityKey) ?? nameof(UpstreamIdentityKind.Headers);
        UpstreamIdentityKind? kind = value switch
        {
            "Headers" => UpstreamIdentityKind.Headers,
            "Basic" => UpstreamIdentityKind.Basic,
            "Negotiate" => UpstreamIdentityKind.Negotiate,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(string.Equals(value, "Ntlm", StringComparison.OrdinalIgnoreCase)
                ? $"{prefix}{IdentityKey}: 'Ntlm' is not supported: NTLM needs a round trip per connection, which a request with a body cannot make through the gateway. Use Negotiate (Kerberos, with an SPN for the server) or Basic over HTTPS."
                : $"{prefix}{IdentityKey}: '{value}' is not one of Headers, Basic, Negotiate.");
            return null;
        }

        UpstreamCredential? credential = kind switch
        {
            UpstreamIdentityKind.Basic => ReadBasic(cluster, prefix, Meta(UserKey), Meta(PasswordFileKey), Meta(PasswordVariableKey), variable, problems),
            UpstreamIdentityKind.Negotiate => ReadNegotiate(cluster, prefix, Meta(SpnKey), keytab, problems),
            _ => UpstreamCredential.Headers(cluster.ClusterId),
        };
        return problems.Count == before ? credential : null;
    }

    /// <summary>True for an HTTPS destination or one on this machine (loopback): where a Basic password may go.</summary>
    public static bool SafeForBasic(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static UpstreamCredential? ReadBasic(
        ClusterConfig cluster, string prefix, string? user, string? file, string? variableName, Func<string, string?> variable, List<string> problems)
    {
        if (user is null || user.Contains(':', StringComparison.Ordinal))
        {
            problems.Add($"{prefix}{UserKey}: {(user is null ? "is required" : $"'{user}' has a ':', which Basic cannot carry in a user name")} with {IdentityKey} Basic (the service account, e.g. EXAMPLE\\_SMP_IUSR).");
        }

        foreach (var (id, destination) in cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
        {
            if (!SafeForBasic(destination.Address))
            {
                problems.Add($"ReverseProxy:Clusters:{cluster.ClusterId}:Destinations:{id}:Address: '{destination.Address}' is plain HTTP to another machine: " +
                    $"{IdentityKey} Basic sends the password readable on the wire; use https:// (or Negotiate).");
            }
        }

        string? password = null;
        if ((file is null) == (variableName is null))
        {
            problems.Add($"{prefix}{PasswordFileKey}: give exactly one of {PasswordFileKey} (a file holding the password) and {PasswordVariableKey} (an environment variable's name) with {IdentityKey} Basic.");
        }
        else if (file is not null)
        {
            try
            {
                password = File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{prefix}{PasswordFileKey}: '{file}' cannot be read: {e.Message}");
            }
        }
        else
        {
            password = variable(variableName!);
            if (string.IsNullOrEmpty(password))
            {
                problems.Add($"{prefix}{PasswordVariableKey}: the environment variable '{variableName}' is not set in the gateway's environment.");
            }
        }

        if (password is { Length: 0 })
        {
            problems.Add($"{prefix}{PasswordFileKey}: '{file}' is empty.");
        }

        return user is null || string.IsNullOrEmpty(password)
            ? null
            : new UpstreamCredential(cluster.ClusterId, UpstreamIdentityKind.Basic, user, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    private static UpstreamCredential? ReadNegotiate(ClusterConfig cluster, string prefix, string? spn, string? keytab, List<string> problems)
    {
        if (spn is not null && (spn.IndexOf('/', StringComparison.Ordinal) is <= 0 || spn.EndsWith('/') || spn.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{prefix}{SpnKey}: '{spn}' is not an SPN such as HTTP/ns.example.com.");
        }

        if (string.IsNullOrWhiteSpace(keytab))
        {
            problems.Add($"{KeytabKey}: is required by {prefix}{IdentityKey} Negotiate: the service account's keytab (ktpass on Windows, " +
                "samba-tool domain exportkeytab or ktutil elsewhere), readable by the gateway's account only.");
        }
        else if (!File.Exists(keytab))
        {
            problems.Add($"{KeytabKey}: '{keytab}' does not exist (needed by {prefix}{IdentityKey} Negotiate).");
        }

        return new UpstreamCredential(cluster.ClusterId, UpstreamIdentityKind.Negotiate, Spn: spn);
    }
}
