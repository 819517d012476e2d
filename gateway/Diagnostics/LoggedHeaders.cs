using System.Text;
using Microsoft.AspNetCore.Http;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// Headers as the Debug request and response records show them: every header, but a credential only as
/// its scheme and length, so that no token, proof, signature, password or secret reaches a log.
/// </summary>
internal static class LoggedHeaders
{
    // Headers whose whole value is a secret or a signature.
    private static readonly HashSet<string> Withheld = new(StringComparer.OrdinalIgnoreCase)
    {
        "Cookie", "Set-Cookie", "X-SMP-Enrollment", "X-SMP-Signature", "X-SMP-Site-Signature",
    };

    // "<scheme> <credential>": the scheme is shown, the credential withheld.
    private static readonly HashSet<string> Authorizations = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Proxy-Authorization" };

    // Challenges: shown as they are (Basic realm="SMP"), unless they carry a token (SMPToken token="...").
    private static readonly HashSet<string> Challenges = new(StringComparer.OrdinalIgnoreCase) { "WWW-Authenticate", "Proxy-Authenticate" };

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

                text.Append(name).Append(": ").Append(Value(name, value ?? string.Empty));
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
            || (Challenges.Contains(name) && value.Contains("token=", StringComparison.OrdinalIgnoreCase));
        if (!secret)
        {
            return value;
        }

        int space = Withheld.Contains(name) ? -1 : value.IndexOf(' ');
        return space < 0 ? $"<{value.Length} bytes withheld>" : $"{value[..space]} <{value.Length - space - 1} bytes withheld>";
    }

    // A hello (§6) names the agent and a uid, which the token carries in clear anyway: shown, as it says who
    // asks. Anything with a dot may hold a token or a proof (dotted parts) and is withheld.
    private static bool IsHello(string value) =>
        value.StartsWith("SMPToken agent=", StringComparison.OrdinalIgnoreCase) && !value.Contains('.');
}
