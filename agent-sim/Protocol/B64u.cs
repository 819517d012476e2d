using System.Buffers.Text;

namespace Smp.AgentSim.Protocol;

/// <summary>base64url without padding (PROTOCOL.md §2), strict: each value has exactly one spelling.</summary>
internal static class B64u
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        foreach (char c in text)
        {
            if (!IsAlphabet(c))
            {
                return false;
            }
        }

        if (text.Length % 4 == 1)
        {
            return false;
        }

        try
        {
            byte[] decoded = Base64Url.DecodeFromChars(text);
            // Re-encoding rejects unused trailing bits that are not zero, which the decoder ignores.
            if (!string.Equals(Encode(decoded), text, StringComparison.Ordinal))
            {
                return false;
            }

            bytes = decoded;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool IsAlphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
