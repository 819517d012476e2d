using System.Security.Cryptography;
using System.Text;

namespace Smp.Gateway.Jose;

/// <summary>An RSA public key as JWK members (<c>n</c>, <c>e</c>, both b64u) and its RFC 7638 thumbprint.</summary>
internal sealed class RsaJwk
{
    private RsaJwk(string n, string e, RSAParameters parameters)
    {
        N = n;
        E = e;
        Parameters = parameters;
        // RFC 7638 §3.2: required members only, in lexicographic order, no white space.
        string canonical = "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}";
        Thumbprint = Base64Url.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
    }

    public string N { get; }
    public string E { get; }
    public string Thumbprint { get; }
    public RSAParameters Parameters { get; }
    public int ModulusBits => (Parameters.Modulus!.Length - 1) * 8 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Parameters.Modulus[0]));

    public static RsaJwk FromParameters(RSAParameters p)
    {
        var publicOnly = new RSAParameters { Modulus = p.Modulus, Exponent = p.Exponent };
        return new RsaJwk(Base64Url.Encode(p.Modulus), Base64Url.Encode(p.Exponent), publicOnly);
    }

    /// <summary>
    /// Reads <paramref name="n"/> and <paramref name="e"/>; null with <paramref name="error"/> naming the
    /// member when either is not a canonical unsigned big-endian integer.
    /// </summary>
    public static RsaJwk? TryParse(string n, string e, out string? error)
    {
        byte[]? modulus = Base64Url.Decode(n);
        byte[]? exponent = Base64Url.Decode(e);
        error = modulus is null || modulus.Length == 0 || modulus[0] == 0 ? "n"
            : exponent is null || exponent.Length == 0 || exponent[0] == 0 ? "e"
            : null;
        return error is null ? new RsaJwk(n, e, new RSAParameters { Modulus = modulus, Exponent = exponent }) : null;
    }

    public RSA CreateRsa()
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(Parameters);
        return rsa;
    }
}
