using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Smp.AgentSim.Protocol;

/// <summary>An RSA public key as a JWK (<c>kty</c>, <c>n</c>, <c>e</c>), with its RFC 7638 thumbprint.</summary>
internal sealed record RsaPublicJwk(string N, string E)
{
    public const string KeyType = "RSA";

    public static RsaPublicJwk FromParameters(RSAParameters parameters) =>
        new(B64u.Encode(parameters.Modulus), B64u.Encode(parameters.Exponent));

    /// <summary>RFC 7638: SHA-256 over the required members in lexicographic order, no white space.</summary>
    public string Thumbprint()
    {
        // The members are b64u strings and "RSA", none of which JSON would escape.
        string canonical = $$"""{"e":"{{E}}","kty":"RSA","n":"{{N}}"}""";
        return B64u.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", KeyType);
        writer.WriteString("n", N);
        writer.WriteString("e", E);
        writer.WriteEndObject();
    }
}
