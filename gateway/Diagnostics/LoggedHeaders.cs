using System.Text;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// Headers as the Debug request and response records show them: every header, but a credential only as
/// its scheme (and, for a token, its length), so that no token, proof, signature, password or secret
/// reaches a log. Challenges are shown only when they are a bare scheme or a realm and error.
/// </summary>
internal static partial class LoggedHeaders
{
    // Headers whose whole value is a secret, a signature or a handshake token.
    private static readonly HashSet<string> Withheld = new(StringComparer.OrdinalIgnoreCase)
    {
        "Cookie", "Set-Cookie", "X-SMP-Enrollment", "X-SMP-Signature", "X-SMP-Site-Signature",
        "Authentication-Info", "Proxy-Authentication-Info",
    };

    // "<scheme> <credential>": the scheme is shown, the credential withheld.
    private static readonly HashSet<string> Authorizations = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization" };

    // Challenges: Basic realm="SMP" and a bare SMPToken are shown; one with a token or a handshake blob
    // (SMPToken token="...", Negotiate <blob>) is withheld.
    private static readonly HashSet<string> Challenges = new(StringComparer.OrdinalIgnoreCase) { "WWW-Authenticate", "Proxy-Authenticate" };

    // A password's length says too much: Basic is shown as its scheme alone.
    private const string Basic = "Basic";

    public static string Describe(IHeaderDictionary headers)
    {
        var text = new StringBuilder();
        foreach (var (name, values) in headers)
        {
            foreach (string? value in values)
            {
                if (text.Length > 0)
                {
                    text.Append("; ");
                }

                text.Append(name).Append(": ").Append(LogText.Escape(Value(name, value ?? string.Empty)));
            }
        }

        return text.ToString();
    }

    /// <summary>A query string may carry a credential too: only its length is logged.</summary>
    public static string Query(QueryString query) => query.HasValue ? $"?<{query.Value!.Length - 1} bytes withheld>" : string.Empty;

    public static string Value(string name, string value)
    {
        bool secret = Withheld.Contains(name)
            || (Authorizations.Contains(name) && !IsHello(value))
            || (Challenges.Contains(name) && !PlainChallenge().IsMatch(value));
        if (!secret)
        {
            return value;
        }

        int space = Withheld.Contains(name) ? -1 : value.IndexOf(' ');
        if (space < 0)
        {
            return $"<{value.Length} bytes withheld>";
        }

        string scheme = value[..space];
        return scheme.Equals(Basic, StringComparison.OrdinalIgnoreCase) ? scheme + " <withheld>" : $"{scheme} <{value.Length - space - 1} bytes withheld>";
    }

    // One challenge (the gateway writes each in a value of its own): a scheme with at most realm and error.
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[A-Za-z][\w-]*(\s+(realm|error)=""[^""]*""(\s*,\s*(realm|error)=""[^""]*"")*)?\s*$")]
    private static partial System.Text.RegularExpressions.Regex PlainChallenge();

    // A hello (§6) names the agent and a uid, which the token carries in clear anyway: shown, as it says who
    // asks. Anything with a dot may hold a token or a proof (dotted parts) and is withheld.
    private static bool IsHello(string value) =>
        value.StartsWith("SMPToken agent=", StringComparison.OrdinalIgnoreCase) && !value.Contains('.');
}
