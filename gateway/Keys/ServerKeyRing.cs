using System.Collections.Frozen;
using System.Text.Json;

namespace Smp.Gateway.Keys;

/// <summary>
/// The keys this gateway signs and verifies with (§3): one current signing key, and every key still
/// published. The ring changes as a whole (a rotation at the Issuer, a JWKS fetch at a Site): readers
/// take one immutable snapshot, so a request never sees half a change. The JWKS document is built once per change.
/// </summary>
internal sealed class ServerKeyRing
{
    private Snapshot _snapshot;

    public ServerKeyRing(ServerKey current, IEnumerable<ServerKey> published)
    {
        _snapshot = Snapshot.Of(current, published);
    }

    private ServerKeyRing(Snapshot snapshot)
    {
        _snapshot = snapshot;
    }

    /// <summary>A ring that only verifies (a Site's): it holds the Issuer's published keys and signs nothing.</summary>
    public static ServerKeyRing VerifyOnly() => new(Snapshot.Of(null, []));

    /// <summary>The signing key. A Site has none: it never signs a token.</summary>
    public ServerKey Current => Volatile.Read(ref _snapshot).Current ?? throw new InvalidOperationException("This gateway holds no signing key (Gateway:Role is Site).");

    /// <summary>The JWKS as UTF-8 JSON: <c>{"keys":[...]}</c>.</summary>
    public byte[] Jwks => Volatile.Read(ref _snapshot).Jwks;

    /// <summary>Every published key, the current one included.</summary>
    public IReadOnlyCollection<ServerKey> Published => Volatile.Read(ref _snapshot).ByKid.Values;

    public bool TryGet(string kid, out ServerKey key) => Volatile.Read(ref _snapshot).ByKid.TryGetValue(kid, out key!);

    /// <summary>Publishes <paramref name="key"/> without signing with it yet (§3: published before it signs anything).</summary>
    public void Publish(ServerKey key) => Change(s => Snapshot.Of(s.Current, s.ByKid.Values.Append(key)));

    /// <summary>Signs with <paramref name="key"/> from now on; the previous key stays published.</summary>
    public void Activate(ServerKey key) => Change(s => Snapshot.Of(key, s.ByKid.Values));

    /// <summary>Stops publishing <paramref name="kid"/> (never the current key).</summary>
    public void Retire(string kid) => Change(s => Snapshot.Of(s.Current, s.ByKid.Values.Where(k => k.Kid != kid || k == s.Current)));

    /// <summary>A verify-only ring takes the published keys as fetched, in place of those it held.</summary>
    public void Replace(IEnumerable<ServerKey> published) => Change(s => Snapshot.Of(s.Current, published));

    public void WriteJwks(Utf8JsonWriter writer)
    {
        using var document = JsonDocument.Parse(Jwks);
        document.RootElement.WriteTo(writer);
    }

    private void Change(Func<Snapshot, Snapshot> change)
    {
        Snapshot seen, next;
        do
        {
            seen = Volatile.Read(ref _snapshot);
            next = change(seen);
        }
        while (Interlocked.CompareExchange(ref _snapshot, next, seen) != seen);
    }

    private sealed record Snapshot(ServerKey? Current, FrozenDictionary<string, ServerKey> ByKid, byte[] Jwks)
    {
        public static Snapshot Of(ServerKey? current, IEnumerable<ServerKey> published)
        {
            var all = current is null ? published : published.Append(current);
            var byKid = all.DistinctBy(k => k.Kid).ToFrozenDictionary(k => k.Kid, StringComparer.Ordinal);
            return new Snapshot(current, byKid, BuildJwks(byKid.Values));
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
}
