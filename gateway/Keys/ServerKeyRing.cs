using System.Collections.Frozen;
using System.Text.Json;

namespace Smp.Gateway.Keys;

/// <summary>
/// The keys this gateway signs and verifies with (§3): one current signing key, and every key still
/// published. The JWKS document is built once, since it only changes with the ring.
/// </summary>
internal sealed class ServerKeyRing
{
    private readonly FrozenDictionary<string, ServerKey> _byKid;

    public ServerKeyRing(ServerKey current, IEnumerable<ServerKey> published)
    {
        Current = current;
        _byKid = published.Append(current).DistinctBy(k => k.Kid).ToFrozenDictionary(k => k.Kid, StringComparer.Ordinal);
        Jwks = BuildJwks(_byKid.Values);
    }

    public ServerKey Current { get; }

    /// <summary>The JWKS as UTF-8 JSON: <c>{"keys":[...]}</c>.</summary>
    public byte[] Jwks { get; }

    public bool TryGet(string kid, out ServerKey key) => _byKid.TryGetValue(kid, out key!);

    public void WriteJwks(Utf8JsonWriter writer)
    {
        using var document = JsonDocument.Parse(Jwks);
        document.RootElement.WriteTo(writer);
    }

    private static byte[] BuildJwks(IEnumerable<ServerKey> keys)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            foreach (var key in keys)
            {
                w.WriteStartObject();
                w.WriteString("kty", "RSA");
                w.WriteString("kid", key.Kid);
                w.WriteString("use", "sig");
                w.WriteString("alg", key.Alg);
                w.WriteString("n", key.Jwk.N);
                w.WriteString("e", key.Jwk.E);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
