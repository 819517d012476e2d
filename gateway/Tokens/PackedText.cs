using Smp.Gateway.Jose;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Fixed-size values (a 16-byte <c>jti</c> or <c>uid</c>, a 32-byte key thumbprint) kept as their bytes in
/// the token caches instead of as strings, and spelled again when read. Only the one canonical b64u
/// spelling of a value packs, so what is read back is the very text that was packed.
/// </summary>
internal static class PackedText
{
    public static bool TryPack(string? text, out UInt128 value)
    {
        value = default;
        Span<byte> bytes = stackalloc byte[16];
        if (text is null || text.Length != Base64Url.EncodedLength(16) || !Base64Url.TryDecode(text, bytes, out int written) || written != 16)
        {
            return false;
        }

        value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
        return true;
    }

    public static bool TryPack(string? text, out UInt128 low, out UInt128 high)
    {
        low = high = default;
        Span<byte> bytes = stackalloc byte[32];
        if (text is null || text.Length != Base64Url.EncodedLength(32) || !Base64Url.TryDecode(text, bytes, out int written) || written != 32)
        {
            return false;
        }

        low = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes);
        high = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(bytes[16..]);
        return true;
    }

    public static string Unpack(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes, value);
        return Base64Url.Encode(bytes);
    }

    public static string Unpack(UInt128 low, UInt128 high)
    {
        Span<byte> bytes = stackalloc byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes, low);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(bytes[16..], high);
        return Base64Url.Encode(bytes);
    }
}
