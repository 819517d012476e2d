namespace Smp.Gateway.Windows;

/// <summary>
/// Reads <c>Authorization: Negotiate &lt;base64&gt;</c> (SPNEGO: Kerberos, or NTLM inside) and <c>Authorization: NTLM &lt;base64&gt;</c>.
/// Scheme names compare without case (RFC 9110 §11.1).
/// </summary>
internal static class NegotiateCredentials
{
    public const string Negotiate = "Negotiate";
    public const string Ntlm = "NTLM";

    /// <summary>A blob is at most this long decoded; Kestrel's header limit holds it well below.</summary>
    private const int MaxBlob = 48 * 1024;

    /// <summary>The Windows scheme the header names (<see cref="Negotiate"/> or <see cref="Ntlm"/>), well-formed or not; null for any other.</summary>
    public static string? Scheme(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        ReadOnlySpan<char> scheme = SchemeOf(header, out _);
        return scheme.Equals(Negotiate, StringComparison.OrdinalIgnoreCase) ? Negotiate
            : scheme.Equals(Ntlm, StringComparison.OrdinalIgnoreCase) ? Ntlm
            : null;
    }

    /// <summary>The decoded blob; null when it is missing, not base64 or too long.</summary>
    public static byte[]? Blob(string header)
    {
        SchemeOf(header, out var rest);
        if (rest.IsEmpty || rest.Length > MaxBlob / 3 * 4 + 4)
        {
            return null;
        }

        byte[] bytes = new byte[rest.Length / 4 * 3 + 3];
        return Convert.TryFromBase64Chars(rest, bytes, out int length) && length > 0 ? bytes[..length] : null;
    }

    private static ReadOnlySpan<char> SchemeOf(string header, out ReadOnlySpan<char> rest)
    {
        ReadOnlySpan<char> value = header.AsSpan().Trim(' ');
        int space = value.IndexOf(' ');
        rest = space < 0 ? [] : value[(space + 1)..].Trim(' ');
        return space < 0 ? value : value[..space];
    }
}
