using System.Text.RegularExpressions;

namespace Smp.AgentSim.Protocol;

/// <summary>Formats the agent's <c>Authorization</c> values and reads the token challenge (PROTOCOL.md §7).</summary>
internal static partial class SmpChallenge
{
    public static string Hello(string agentId, string uid) => $"agent=\"{agentId}\", nonce=\"{uid}\"";

    /// <summary>The token of a <c>WWW-Authenticate: SMPToken token="..."</c> challenge, or null.</summary>
    public static string? TokenOf(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues(SmpHeaders.WwwAuthenticate, out var values))
        {
            return null;
        }

        foreach (string value in values)
        {
            Match match = TokenChallenge().Match(value);
            if (match.Success)
            {
                return match.Groups["token"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex("""(?:^|,)\s*SMPToken\s+token="(?<token>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)"\s*(?:,|$)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenChallenge();
}
