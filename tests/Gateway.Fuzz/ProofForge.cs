using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// Makes tokens and proofs with the world's keys from JSON written out in full, so that seeds can
/// carry any shape, signed or not. RSASSA-PKCS1-v1_5 is deterministic: the same input gives the same proof.
/// </summary>
internal sealed class ProofForge(FuzzWorld world)
{
    public const string Uid = "c2VlZC11aWQtZm9yLWZ1enppbmc";

    public string Kid => world.ServerKey.Kid;

    public string Jkt => world.AgentJwk.Thumbprint;

    public string Header(string alg = "RS256", string? kid = null, string uid = Uid) =>
        $$$"""{"alg":"{{{alg}}}","typ":"smp+jwt","kid":"{{{kid ?? Kid}}}","nonce":{"uid":"{{{uid}}}","ctr":0}}""";

    public string Payload(
        string? sub = null, string aud = FuzzWorld.Audience, long iat = FuzzWorld.Now + 1, long? exp = null, string jti = "c2VlZC10b2tlbi1qdGktMDE", string? jkt = null) =>
        $$$"""{"iss":"smp-gateway","sub":"{{{sub ?? FuzzWorld.ActiveAgent}}}","aud":"{{{aud}}}","iat":{{{iat}}},"nbf":{{{iat}}},"exp":{{{exp ?? iat + 28_800}}},"jti":"{{{jti}}}","cnf":{"jkt":"{{{jkt ?? Jkt}}}"}}""";

    public static string Nonce(long ctr, string uid = Uid) => $$"""{"uid":"{{uid}}","ctr":{{ctr}}}""";

    /// <summary>A token whose server signature is valid over the given header and payload JSON.</summary>
    public string Token(string headerJson, string payloadJson)
    {
        string input = B64(headerJson) + "." + B64(payloadJson);
        return input + "." + Base64Url.Encode(world.ServerRsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>A proof whose agent signature is valid over the token and the given nonce JSON.</summary>
    public string Proof(string token, string nonceJson)
    {
        string input = token + "." + B64(nonceJson);
        return input + "." + Base64Url.Encode(world.AgentRsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public string Proof(long ctr) => Proof(Token(Header(), Payload()), Nonce(ctr));

    public static string B64(string json) => Base64Url.Encode(Encoding.UTF8.GetBytes(json));
}
