using System.Text;

namespace Smp.Gateway.Routing;

/// <summary>
/// The path of a request-target, percent-decoded once (§12), and what makes it ambiguous: a server
/// behind the gateway (IIS) reads <c>\</c> as <c>/</c>, resolves <c>..</c> after decoding and may
/// decode <c>%2F</c>, so a path with any of them could name one resource here and another there.
/// </summary>
internal static class CanonicalPath
{
    /// <summary>The problem with <paramref name="rawTarget"/>'s path, or null; <paramref name="path"/> is its decoded form.</summary>
    public static string? Check(string rawTarget, out string path)
    {
        path = string.Empty;
        string? encoded = PathOf(rawTarget);
        if (encoded is null)
        {
            return rawTarget == "*" ? null : "the request-target is not a path.";
        }

        if (encoded.Contains("%2f", StringComparison.OrdinalIgnoreCase))
        {
            return "an encoded '/' (%2F), which servers read differently; send '/'.";
        }

        if (!TryDecode(encoded, out path))
        {
            return "percent-encoded bytes that are not UTF-8.";
        }

        foreach (char c in path)
        {
            if (c == '\\')
            {
                return "a backslash, which the server behind reads as '/'; send '/'.";
            }

            if (char.IsControl(c))
            {
                return c == '\0' ? "a NUL character." : "a control character.";
            }
        }

        foreach (string segment in path.Split('/'))
        {
            // Windows drops trailing dots and spaces from a name: "...", ". ." and ".. " read as "." or "..".
            if (segment.Length > 0 && segment.AsSpan().Trim(". ").IsEmpty)
            {
                return $"a '{segment}' segment; send the path with '.' and '..' resolved.";
            }

            // "Admin." and "Admin " are "Admin" on IIS, but not to a route matched here: it could miss its route.
            if (segment.EndsWith('.') || segment.EndsWith(' '))
            {
                return $"a segment ending in '.' or ' ' ('{segment}'), which the server behind drops; send the name without it.";
            }
        }

        return null;
    }

    /// <summary>The still-encoded path of an origin-form or absolute-form target; null for any other form.</summary>
    private static string? PathOf(string target)
    {
        int start = 0;
        if (!target.StartsWith('/'))
        {
            int scheme = target.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0)
            {
                return null;
            }

            start = target.IndexOf('/', scheme + 3);
            if (start < 0)
            {
                return "/";
            }
        }

        int end = target.IndexOfAny(['?', '#'], start);
        return end < 0 ? target[start..] : target[start..end];
    }

    private static bool TryDecode(string encoded, out string decoded)
    {
        decoded = encoded;
        if (!encoded.Contains('%'))
        {
            return true;
        }

        var bytes = new List<byte>(encoded.Length);
        int run = 0;
        for (int i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(encoded[run..i]));
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
                run = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(encoded[run..]));
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
