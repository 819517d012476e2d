using System.Text;

namespace Smp.Gateway.Authentication;

/// <summary>
/// Reads an <c>Authorization</c> header: <c>SMPToken agent="..", nonce=".."</c> (a hello),
/// <c>SMPToken &lt;proof&gt;</c>, or <c>Basic ..</c>. Scheme names are compared without case (RFC 9110 §11.1).
/// </summary>
internal static class CredentialsParser
{
    private const string BasicScheme = "Basic";

    public static Credentials Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return Credentials.None;
        }

        ReadOnlySpan<char> scheme = Scheme(header, out ReadOnlySpan<char> rest);
        if (scheme.Equals(SmpTokenDefaults.AuthenticationScheme, StringComparison.OrdinalIgnoreCase))
        {
            if (rest.IsEmpty)
            {
                return Credentials.Malformed;
            }

            return rest.IndexOfAny('=', ',', '"') >= 0 ? ParseHello(rest) : new Credentials(CredentialKind.Proof, Proof: rest.ToString());
        }

        if (scheme.Equals(BasicScheme, StringComparison.OrdinalIgnoreCase))
        {
            return ParseBasic(rest);
        }

        return new Credentials(CredentialKind.Other);
    }

    /// <summary>
    /// True when the header names the <c>Basic</c> scheme, well-formed or not: the route hands it to the ACC
    /// scheme, which reads it (and answers a malformed one with no result). Reads the scheme only, allocating nothing.
    /// </summary>
    public static bool IsBasic(string? header) =>
        !string.IsNullOrEmpty(header) && Scheme(header, out _).Equals(BasicScheme, StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Scheme(string header, out ReadOnlySpan<char> rest)
    {
        ReadOnlySpan<char> value = header.AsSpan().Trim(' ');
        int space = value.IndexOf(' ');
        rest = space < 0 ? [] : value[(space + 1)..].TrimStart(' ');
        return space < 0 ? value : value[..space];
    }

    private static Credentials ParseHello(ReadOnlySpan<char> s)
    {
        string? agent = null, nonce = null;
        while (true)
        {
            int eq = s.IndexOf('=');
            if (eq <= 0)
            {
                return Credentials.Malformed;
            }

            ReadOnlySpan<char> name = s[..eq].Trim(' ');
            s = s[(eq + 1)..].TrimStart(' ');
            if (s.IsEmpty || s[0] != '"')
            {
                return Credentials.Malformed;
            }

            int close = s[1..].IndexOfAny('"', '\\');
            if (close < 0 || s[1 + close] != '"')
            {
                return Credentials.Malformed;
            }

            string v = s.Slice(1, close).ToString();
            if (name.SequenceEqual("agent") && agent is null) { agent = v; }
            else if (name.SequenceEqual("nonce") && nonce is null) { nonce = v; }
            else { return Credentials.Malformed; }

            s = s[(close + 2)..].TrimStart(' ');
            if (s.IsEmpty)
            {
                break;
            }

            if (s[0] != ',')
            {
                return Credentials.Malformed;
            }

            s = s[1..].TrimStart(' ');
        }

        return agent is null || nonce is null ? Credentials.Malformed : new Credentials(CredentialKind.Hello, AgentId: agent, Uid: nonce);
    }

    private static Credentials ParseBasic(ReadOnlySpan<char> s)
    {
        Span<byte> bytes = stackalloc byte[512];
        if (s.Length > 680 || !Convert.TryFromBase64Chars(s, bytes, out int length))
        {
            return Credentials.Malformed;
        }

        string pair;
        try
        {
            pair = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[..length]);
        }
        catch (DecoderFallbackException)
        {
            return Credentials.Malformed;
        }

        int colon = pair.IndexOf(':');
        return colon <= 0 ? Credentials.Malformed : new Credentials(CredentialKind.Basic, User: pair[..colon], Password: pair[(colon + 1)..]);
    }
}
