using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Smp.AgentSim.Legacy;

/// <summary>Package files made up from their name: the same name always gives the same bytes.</summary>
internal static class LegacyPackage
{
    /// <summary>64 KiB, a whole number of SHA-256 blocks.</summary>
    public const int Length = 64 * 1024;

    /// <summary>
    /// Whether a UNC package request arrived as the file server behind a UNC codebase needs it: the
    /// agent's own Basic credentials (the ACC), passed on unchanged, for the identity the gateway asserts.
    /// </summary>
    public static bool HasAccOfIdentity(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.Ordinal)
            || request.Headers[LegacyIdentityGate.AuthHeader] != "ACC")
        {
            return false;
        }

        try
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && pair[..colon] == request.Headers[LegacyIdentityGate.IdentityHeader];
        }
        catch (FormatException)
        {
            return false;
        }
    }

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
