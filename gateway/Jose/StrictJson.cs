using System.Text.Json;

namespace Smp.Gateway.Jose;

/// <summary>
/// Value readers for the protocol's JSON (§2): strings of bounded length, and integers that are
/// JSON integers no larger than 2^53 - 1 (so <c>1.5</c>, <c>"5"</c>, <c>1e3</c> and <c>-1</c> are refused).
/// Objects are read member by member by their parsers, which refuse unknown and repeated names.
/// </summary>
internal static class StrictJson
{
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 };

    public static bool TryStartObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        // A byte-order mark is not JSON text (RFC 8259 §8.1 forbids adding one).
        return json.Length > 0 && json[0] == (byte)'{' && reader.Read() && reader.TokenType == JsonTokenType.StartObject;
    }

    public static bool TryGetString(ref Utf8JsonReader reader, int maxLength, out string value)
    {
        value = string.Empty;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > maxLength * 6)
        {
            return false;
        }

        value = reader.GetString()!;
        return value.Length <= maxLength;
    }

    public static bool TryGetInteger(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.HasValueSequence)
        {
            return false;
        }

        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (raw.Length is 0 or > 16)
        {
            return false;
        }

        foreach (byte b in raw)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return reader.TryGetInt64(out value) && value <= MaxSafeInteger;
    }

    /// <summary>Marks <paramref name="bit"/> as seen; false when the member was already present.</summary>
    public static bool TryMark(ref int seen, int bit)
    {
        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }
}
