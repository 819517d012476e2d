using System.Buffers;
using System.Globalization;
using System.Text;

namespace Smp.Gateway.Diagnostics;

/// <summary>
/// Client-supplied text as a log may show it (§12): control characters (CR, LF, ESC and the rest of C0
/// and C1, DEL) and the Unicode line separators written as <c>\xHH</c> or <c>\uHHHH</c>, so that a
/// client can neither start a forged log line nor send a terminal escape sequence to whoever reads the
/// console. Text without them is returned as it is, without a copy.
/// </summary>
internal static class LogText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)) + "\u2028\u2029");

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Escape(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int first = value.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 16).Append(value, 0, first);
        foreach (char c in value.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
            {
                text.Append(c);
            }
            else if (c < 0x100)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return text.ToString();
    }
}
