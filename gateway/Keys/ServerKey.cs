using System.Security.Cryptography;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Keys;

/// <summary>
/// One server signing key. Created once and shared by every request: RSA operations on one
/// instance are safe to run concurrently, and building a key per request would cost more than the check.
/// </summary>
internal sealed class ServerKey : ISignatureVerifier
{
    public const string Rs256 = "RS256";

    public ServerKey(RSA rsa, bool canSign)
    {
        Rsa = rsa;
        CanSign = canSign;
        Jwk = RsaJwk.FromParameters(rsa.ExportParameters(false));
        Kid = Jwk.Thumbprint;
    }

    /// <summary>The JWK thumbprint of the public key, so that a <c>kid</c> always names one key.</summary>
    public string Kid { get; }
    public string Alg => Rs256;
    public RsaJwk Jwk { get; }
    public bool CanSign { get; }
    private RSA Rsa { get; }

    public int SignatureLength => Jwk.Parameters.Modulus!.Length;

    /// <summary>The key length, as the original's "Server keys:" records gave it.</summary>
    public int Bits => SignatureLength * 8;

    /// <summary><c>kid (2048 bits)</c>: a key as the log names it.</summary>
    public override string ToString() => $"{Kid} ({Bits} bits)";

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        return signature.Length == SignatureLength
            && Rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public int Sign(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        return Rsa.SignData(data, destination, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
