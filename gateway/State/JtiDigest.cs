using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Smp.Gateway.State;

/// <summary>
/// A 128-bit digest of a decoded <c>jti</c>: registries key their entries by it, small whatever the
/// <c>jti</c>, and one value has one key whatever its spelling in the proof (§9).
/// </summary>
internal static class JtiDigest
{
    public static UInt128 Of(string jti)
    {
        int length = Encoding.UTF8.GetByteCount(jti);
        Span<byte> utf8 = length <= 256 ? stackalloc byte[256] : new byte[length];
        length = Encoding.UTF8.GetBytes(jti, utf8);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(utf8[..length], digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}
