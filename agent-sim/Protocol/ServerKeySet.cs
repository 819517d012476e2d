using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Protocol;

/// <summary>The server keys an agent trusts, learnt at enrollment (PROTOCOL.md §3, §4). Only RS256 keys are kept.</summary>
internal sealed class ServerKeySet : IDisposable
{
    public const string Algorithm = "RS256";

    private readonly Dictionary<string, RSA> _keys;

    private ServerKeySet(Dictionary<string, RSA> keys) => _keys = keys;

    public int Count => _keys.Count;

    /// <summary>
    /// Reads a JWKS (<c>{"keys":[...]}</c>); keys that are not RSA signing keys for RS256 of 2048 bits
    /// or more are left out. Each key kept or left out is logged, with its id, under
    /// <see cref="AgentLogCategories.ServerKeys"/>.
    /// </summary>
    public static ServerKeySet FromJwks(JsonElement jwks, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var keys = new Dictionary<string, RSA>(StringComparer.Ordinal);
        if (jwks.ValueKind != JsonValueKind.Object
            || !jwks.TryGetProperty("keys", out JsonElement array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The server keys are not a JWKS.");
        }

        foreach (JsonElement jwk in array.EnumerateArray())
        {
            string? kid = Text(jwk, "kid");
            if (WhyNot(jwk, kid, keys, out byte[] modulus, out byte[] exponent, out int bits) is { } reason)
            {
                AgentLog.ServerKeySkipped(logger, kid, reason);
                continue;
            }

            RSA rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            keys.Add(kid!, rsa);
            AgentLog.ServerKeyLearnt(logger, kid!, bits);
        }

        return new ServerKeySet(keys);
    }

    public bool Contains(string kid) => _keys.ContainsKey(kid);

    /// <summary>Checks an RS256 signature by the key <paramref name="kid"/> over the ASCII bytes of <paramref name="signingInput"/>.</summary>
    public bool Verify(string kid, string signingInput, byte[] signature)
    {
        if (!_keys.TryGetValue(kid, out RSA? rsa))
        {
            return false;
        }

        byte[] data = Encoding.ASCII.GetBytes(signingInput);
        // One RSA instance is not promised to be safe for concurrent use.
        lock (rsa)
        {
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    public void Dispose()
    {
        foreach (RSA rsa in _keys.Values)
        {
            rsa.Dispose();
        }
    }

    /// <summary>Why the agent cannot use <paramref name="jwk"/>, or null when it can.</summary>
    private static string? WhyNot(
        JsonElement jwk, string? kid, Dictionary<string, RSA> keys, out byte[] modulus, out byte[] exponent, out int bits)
    {
        modulus = exponent = [];
        bits = 0;
        if (Text(jwk, "kty") != "RSA")
        {
            return "kty is not RSA";
        }

        if (Text(jwk, "alg") != Algorithm)
        {
            return "alg is not " + Algorithm;
        }

        if (Text(jwk, "use") is not (null or "sig"))
        {
            return "use is not sig";
        }

        if (kid is not { Length: > 0 })
        {
            return "no kid";
        }

        if (keys.ContainsKey(kid))
        {
            return "kid given twice";
        }

        if (Text(jwk, "n") is not { } n || Text(jwk, "e") is not { } e
            || !B64u.TryDecode(n, out modulus) || !B64u.TryDecode(e, out exponent))
        {
            return "n or e missing or not b64u";
        }

        bits = BitLength(modulus);
        return bits < AgentIdentity.KeySizeInBits ? $"{bits} bits, under {AgentIdentity.KeySizeInBits}" : null;
    }

    private static int BitLength(byte[] bigEndian)
    {
        int first = Array.FindIndex(bigEndian, b => b != 0);
        return first < 0 ? 0 : ((bigEndian.Length - first) * 8) - BitOperations.LeadingZeroCount((uint)bigEndian[first]) + 24;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
