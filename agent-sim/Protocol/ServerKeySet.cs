using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Smp.AgentSim.Protocol;

/// <summary>The server keys an agent trusts, learnt at enrollment (PROTOCOL.md §3, §4). Only RS256 keys are kept.</summary>
internal sealed class ServerKeySet : IDisposable
{
    public const string Algorithm = "RS256";

    private readonly Dictionary<string, RSA> keys;

    private ServerKeySet(Dictionary<string, RSA> keys) => this.keys = keys;

    public int Count => keys.Count;

    /// <summary>Reads a JWKS (<c>{"keys":[...]}</c>); keys that are not RSA signing keys for RS256 are left out.</summary>
    public static ServerKeySet FromJwks(JsonElement jwks)
    {
        var keys = new Dictionary<string, RSA>(StringComparer.Ordinal);
        if (jwks.ValueKind != JsonValueKind.Object
            || !jwks.TryGetProperty("keys", out JsonElement array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The server keys are not a JWKS.");
        }

        foreach (JsonElement jwk in array.EnumerateArray())
        {
            if (Text(jwk, "kty") != "RSA" || Text(jwk, "alg") != Algorithm
                || Text(jwk, "use") is not (null or "sig")
                || Text(jwk, "kid") is not { Length: > 0 } kid
                || Text(jwk, "n") is not { } n || Text(jwk, "e") is not { } e
                || !B64u.TryDecode(n, out byte[] modulus) || !B64u.TryDecode(e, out byte[] exponent)
                || modulus.Length * 8 < AgentIdentity.KeySizeInBits || keys.ContainsKey(kid))
            {
                continue;
            }

            RSA rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            keys.Add(kid, rsa);
        }

        return new ServerKeySet(keys);
    }

    public bool Contains(string kid) => keys.ContainsKey(kid);

    /// <summary>Checks an RS256 signature by the key <paramref name="kid"/> over the ASCII bytes of <paramref name="signingInput"/>.</summary>
    public bool Verify(string kid, string signingInput, byte[] signature)
    {
        if (!keys.TryGetValue(kid, out RSA? rsa))
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
        foreach (RSA rsa in keys.Values)
        {
            rsa.Dispose();
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
