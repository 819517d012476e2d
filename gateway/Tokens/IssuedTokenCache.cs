using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Collections;
using Smp.Gateway.Configuration;
using Smp.Gateway.Expiry;

namespace Smp.Gateway.Tokens;

/// <summary>
/// The last token issued per agent, <c>uid</c> and agent key, bounded in size, swept of expired entries.
/// Keyed by a 128-bit digest of the three (so a token is found only for the key it is bound to) and kept
/// compact (<see cref="CachedToken"/>): 347 bytes an entry at 1,000,000 with a 2048-bit key
/// (tests/Gateway.Benchmarks <c>-- cache-memory</c>), 256 of them the signature and about 60 the key and the
/// dictionary's own node and buckets. An agent whose key an administrator replaced
/// misses, and its token for the old key stays until it expires.
/// </summary>
internal sealed class IssuedTokenCache(IOptionsMonitor<GatewayOptions> options, TimeProvider time) : ISweepable
{
    private readonly ExpiringMap<UInt128, CachedToken> _tokens = new();

    /// <summary>The token held for the agent, <c>uid</c> and the agent key's thumbprint <paramref name="jkt"/>.</summary>
    public bool TryGet(string agentId, string uid, string jkt, out CachedToken token) => _tokens.TryGetValue(KeyOf(agentId, uid, jkt), out token);

    public void Set(string agentId, string uid, string jkt, CachedToken token)
    {
        var key = KeyOf(agentId, uid, jkt);
        if (_tokens.ContainsKey(key))
        {
            _tokens.Set(key, token);
        }
        // Full: hand the new token out without remembering it; the next hello simply signs again.
        else if (_tokens.TryReserve(options.CurrentValue.Tokens.MaxCachedTokens) && !_tokens.TryAddReserved(key, token, out _))
        {
            // Another hello for the pair stored its token meanwhile: the later one is kept, as it always was.
            _tokens.Set(key, token);
        }
    }

    public string SweptName => "issued-token cache";

    public int Count => _tokens.Count;

    public int Sweep() => _tokens.Sweep(time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Agent ids are GUIDs, uids and thumbprints b64u (all checked before a token is issued): the newline occurs in none.</summary>
    private static UInt128 KeyOf(string agentId, string uid, string jkt)
    {
        Span<byte> text = stackalloc byte[Encoding.UTF8.GetMaxByteCount(agentId.Length + uid.Length + jkt.Length + 2)];
        int length = Encoding.UTF8.GetBytes(agentId, text);
        text[length++] = (byte)'\n';
        length += Encoding.UTF8.GetBytes(uid, text[length..]);
        text[length++] = (byte)'\n';
        length += Encoding.UTF8.GetBytes(jkt, text[length..]);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(text[..length], digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}
