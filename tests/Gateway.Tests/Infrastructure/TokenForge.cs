using System.Security.Cryptography;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>Mints tokens with the server's key and any header or payload, to test each check of §8 on its own.</summary>
internal static class TokenForge
{
    public static string Kid(RSA key)
    {
        var p = key.ExportParameters(false);
        return TestAgent.Thumbprint(B64.Url(p.Modulus!), B64.Url(p.Exponent!));
    }

    public static string Header(string kid, string uid, string alg = "RS256", string typ = "smp+jwt") =>
        $"{{\"alg\":\"{alg}\",\"typ\":\"{typ}\",\"kid\":\"{kid}\",\"nonce\":{{\"uid\":\"{uid}\",\"ctr\":0}}}}";

    public static string Payload(string sub, string aud, long iat, long nbf, string exp, string jkt, string? jti = null, string iss = "smp-gateway") =>
        $"{{\"iss\":\"{iss}\",\"sub\":\"{sub}\",\"aud\":\"{aud}\",\"iat\":{iat},\"nbf\":{nbf},\"exp\":{exp},\"jti\":\"{jti ?? Guid.NewGuid().ToString("N")}\",\"cnf\":{{\"jkt\":\"{jkt}\"}}}}";

    public static string Mint(RSA key, string header, string payload)
    {
        string input = B64.Url(header) + "." + B64.Url(payload);
        return input + "." + B64.Url(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
