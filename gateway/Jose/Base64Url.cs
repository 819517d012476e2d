namespace Smp.Gateway.Jose;

/// <summary>
/// base64url without padding (RFC 4648 §5), strict: every value has exactly one spelling, so a
/// character outside the alphabet, padding, or non-zero unused trailing bits is refused.
/// </summary>
internal static class Base64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly sbyte[] Values = BuildValues();

    public static int DecodedLength(int encodedLength) => encodedLength / 4 * 3 + ((encodedLength % 4) switch { 2 => 1, 3 => 2, _ => 0 });

    public static bool IsAlphabet(char c) => c < 128 && Values[c] >= 0;

    /// <summary>Decodes <paramref name="text"/> into <paramref name="destination"/>, refusing every non-canonical spelling.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        int rest = text.Length % 4;
        if (rest == 1 || destination.Length < DecodedLength(text.Length))
        {
            return false;
        }

        int full = text.Length - rest;
        int o = 0;
        for (int i = 0; i < full; i += 4)
        {
            int a = Value(text[i]), b = Value(text[i + 1]), c = Value(text[i + 2]), d = Value(text[i + 3]);
            if ((a | b | c | d) < 0)
            {
                return false;
            }

            int n = (a << 18) | (b << 12) | (c << 6) | d;
            destination[o++] = (byte)(n >> 16);
            destination[o++] = (byte)(n >> 8);
            destination[o++] = (byte)n;
        }

        if (rest == 2)
        {
            int a = Value(text[full]), b = Value(text[full + 1]);
            if ((a | b) < 0 || (b & 0x0F) != 0)
            {
                return false;
            }

            destination[o++] = (byte)((a << 2) | (b >> 4));
        }
        else if (rest == 3)
        {
            int a = Value(text[full]), b = Value(text[full + 1]), c = Value(text[full + 2]);
            if ((a | b | c) < 0 || (c & 0x03) != 0)
            {
                return false;
            }

            destination[o++] = (byte)((a << 2) | (b >> 4));
            destination[o++] = (byte)((b << 4) | (c >> 2));
        }

        written = o;
        return true;
    }

    public static byte[]? Decode(ReadOnlySpan<char> text)
    {
        var bytes = new byte[DecodedLength(text.Length)];
        return TryDecode(text, bytes, out _) ? bytes : null;
    }

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        return string.Create(EncodedLength(bytes.Length), bytes.ToArray(), static (chars, data) => Encode(data, chars));
    }

    public static int EncodedLength(int byteLength) => byteLength / 3 * 4 + ((byteLength % 3) switch { 1 => 2, 2 => 3, _ => 0 });

    public static int Encode(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        int o = 0, i = 0;
        for (; i + 3 <= bytes.Length; i += 3)
        {
            int n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
            destination[o++] = Alphabet[(n >> 18) & 63];
            destination[o++] = Alphabet[(n >> 12) & 63];
            destination[o++] = Alphabet[(n >> 6) & 63];
            destination[o++] = Alphabet[n & 63];
        }

        int rest = bytes.Length - i;
        if (rest > 0)
        {
            int n = bytes[i] << 16 | (rest == 2 ? bytes[i + 1] << 8 : 0);
            destination[o++] = Alphabet[(n >> 18) & 63];
            destination[o++] = Alphabet[(n >> 12) & 63];
            if (rest == 2)
            {
                destination[o++] = Alphabet[(n >> 6) & 63];
            }
        }

        return o;
    }

    private static int Value(char c) => c < 128 ? Values[c] : -1;

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
