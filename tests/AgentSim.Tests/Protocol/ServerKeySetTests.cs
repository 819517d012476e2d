using System.Security.Cryptography;
using System.Text.Json;
using Smp.AgentSim.Protocol;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Protocol;

[Collection(KeysCollection.Name)]
public sealed class ServerKeySetTests(KeyFixture keys)
{
    [Fact]
    public void FromJwks_KeysKeptAndSkipped_LogsEachKeyIdWithItsLengthOrReason()
    {
        using RSA small = RSA.Create(1024);
        byte[] jwks = FakeIssuer.Json(w =>
        {
            w.WriteStartArray("keys");
            Rsa(w, "k1", keys.ServerKey, "RS256");
            Rsa(w, "k1", keys.ServerKey, "RS256");
            Rsa(w, "small", small, "RS256");
            Rsa(w, "ps", keys.ServerKey, "PS256");
            w.WriteStartObject();
            w.WriteString("kid", "ec");
            w.WriteString("kty", "EC");
            w.WriteString("alg", "ES256");
            w.WriteEndObject();
            w.WriteEndArray();
        });
        var capture = new CapturingLoggerProvider();
        using ILoggerFactory loggers = capture.CreateFactory();
        using JsonDocument document = JsonDocument.Parse(jwks);

        using ServerKeySet set = ServerKeySet.FromJwks(document.RootElement, loggers.CreateLogger(AgentLogCategories.ServerKeys));

        Assert.Equal(1, set.Count);
        Assert.All(capture.Records, r => Assert.Equal(AgentLogCategories.ServerKeys, r.Category));
        Assert.Equal(
            [
                (110, LogLevel.Information, "Server keys: key k1 learnt, RSA 2048 bits."),
                (111, LogLevel.Warning, "Server keys: key k1 skipped: kid given twice."),
                (111, LogLevel.Warning, "Server keys: key small skipped: 1024 bits, under 2048."),
                (111, LogLevel.Warning, "Server keys: key ps skipped: alg is not RS256."),
                (111, LogLevel.Warning, "Server keys: key ec skipped: kty is not RSA."),
            ],
            capture.Records.Select(r => (r.EventId, r.Level, r.Message)));
        Assert.Equal(("k1", 2048), ((string?)capture.Records[0]["Kid"], (int)capture.Records[0]["KeyBits"]!));
    }

    private static void Rsa(Utf8JsonWriter w, string kid, RSA key, string alg)
    {
        RSAParameters p = key.ExportParameters(false);
        w.WriteStartObject();
        w.WriteString("kid", kid);
        w.WriteString("kty", "RSA");
        w.WriteString("alg", alg);
        w.WriteString("use", "sig");
        w.WriteString("n", B64u.Encode(p.Modulus));
        w.WriteString("e", B64u.Encode(p.Exponent));
        w.WriteEndObject();
    }
}
