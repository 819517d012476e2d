using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>Makes tokens the way PROTOCOL.md §5 describes them, for tests only.</summary>
internal sealed class FakeIssuer(RSA serverKey, string kid = "test-key-1", string audience = "http://127.0.0.1")
{
    public string Kid => kid;

    public string Token(AgentIdentity agent, string uid, string? jti = null, string alg = "RS256", DateTimeOffset? exp = null) =>
        Token(agent.AgentId, agent.Thumbprint, uid, jti, alg, exp);

    public string Token(string agentId, string jkt, string uid, string? jti = null, string alg = "RS256", DateTimeOffset? exp = null)
    {
        string header = B64u.Encode(Json(w =>
        {
            w.WriteString("alg", alg);
            w.WriteString("typ", "smp+jwt");
            w.WriteString("kid", kid);
            w.WriteStartObject("nonce");
            w.WriteString("uid", uid);
            w.WriteNumber("ctr", 0);
            w.WriteEndObject();
        }));
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string payload = B64u.Encode(Json(w =>
        {
            w.WriteString("iss", "fake");
            w.WriteString("sub", agentId);
            w.WriteString("aud", audience);
            w.WriteNumber("iat", now);
            w.WriteNumber("nbf", now);
            w.WriteNumber("exp", (exp ?? DateTimeOffset.UtcNow.AddHours(8)).ToUnixTimeSeconds());
            w.WriteString("jti", jti ?? Guid.NewGuid().ToString("N"));
            w.WriteStartObject("cnf");
            w.WriteString("jkt", jkt);
            w.WriteEndObject();
        }));
        byte[] signature = serverKey.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64u.Encode(signature);
    }

    public bool VerifyServerSignature(string token)
    {
        string[] parts = token.Split('.');
        return parts.Length >= 3 && B64u.TryDecode(parts[2], out byte[] signature)
            && serverKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public byte[] JwksJson() => Json(w =>
    {
        RSAParameters p = serverKey.ExportParameters(false);
        w.WriteStartArray("keys");
        w.WriteStartObject();
        w.WriteString("kid", kid);
        w.WriteString("kty", "RSA");
        w.WriteString("alg", "RS256");
        w.WriteString("use", "sig");
        w.WriteString("n", B64u.Encode(p.Modulus));
        w.WriteString("e", B64u.Encode(p.Exponent));
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public ServerKeySet KeySet()
    {
        using JsonDocument document = JsonDocument.Parse(JwksJson());
        return ServerKeySet.FromJwks(document.RootElement);
    }

    public static byte[] Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Keeps the signature's length and spelling rules but changes its bytes.</summary>
    public static string TamperSignature(string token)
    {
        int last = token.LastIndexOf('.');
        Assert.True(B64u.TryDecode(token[(last + 1)..], out byte[] signature));
        signature[10] ^= 0xff;
        return token[..(last + 1)] + B64u.Encode(signature);
    }

    public static JsonElement Part(string token, int index)
    {
        Assert.True(B64u.TryDecode(token.Split('.')[index], out byte[] bytes));
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }
}
