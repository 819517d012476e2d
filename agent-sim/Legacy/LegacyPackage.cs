using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Smp.AgentSim.Legacy;

/// <summary>Package files made up from their name: the same name always gives the same bytes.</summary>
internal static class LegacyPackage
{
    /// <summary>64 KiB, a whole number of SHA-256 blocks.</summary>
    public const int Length = 64 * 1024;

    public static byte[] Content(string packageId, string file)
    {
        byte[] seed = SHA256.HashData(Encoding.UTF8.GetBytes(packageId + "/" + file));
        var content = new byte[Length];
        Span<byte> block = stackalloc byte[seed.Length + sizeof(int)];
        seed.CopyTo(block);
        for (int offset = 0; offset < Length; offset += SHA256.HashSizeInBytes)
        {
            BinaryPrimitives.WriteInt32BigEndian(block[seed.Length..], offset);
            SHA256.HashData(block, content.AsSpan(offset, SHA256.HashSizeInBytes));
        }

        return content;
    }
}
