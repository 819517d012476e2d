using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using System.Diagnostics.CodeAnalysis;
using Smp.Gateway.Configuration;
using Smp.Gateway.Keys;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.Expiry;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Tokens whose server signature has already been verified, with their parsed claims, keyed by a
/// 128-bit digest of the token's exact text: a token seen before costs a hash instead of an RSA
/// operation and three JSON parses. Only tokens whose proof passed the agent's signature (§8 step 6) are
/// kept, so no one fills it without an enrolled agent's key, and each client address fills at most its
/// share (<c>Gateway:Tokens:MaxCachedTokensPerSource</c>). Entries are compact (<see cref="VerifiedToken"/>).
/// A non-canonical spelling of a token is other text, so it misses here and is refused by the parser.
/// </summary>
internal sealed class VerifiedSignatureCache(IOptionsMonitor<GatewayOptions> options, TimeProvider time) : ISweepable
{
    private readonly ConcurrentDictionary<UInt128, (VerifiedToken Token, Shares.Counter? Source)> _verified = new();
    private readonly Shares _perSource = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public static UInt128 KeyOf(ReadOnlySpan<char> token)
    {
        // Tokens are ASCII: one byte per char.
        byte[]? rented = null;
        Span<byte> bytes = token.Length <= 4096 ? stackalloc byte[token.Length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(token.Length));
        int length = Encoding.ASCII.GetBytes(token, bytes);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes[..length], digest);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }

    /// <summary>The claims of a verified token, as a new object the caller owns.</summary>
    public bool TryGet(UInt128 key, [NotNullWhen(true)] out TokenClaims? claims)
    {
        claims = _verified.TryGetValue(key, out var entry) ? entry.Token.ToClaims() : null;
        return claims is not null;
    }

    /// <summary>
    /// Remembers a token whose proof passed the agent's signature, signed by <paramref name="key"/>, sent from
    /// <paramref name="source"/>. Full, or the source's share full, it is simply verified again next time.
    /// </summary>
    public void Add(UInt128 digest, TokenClaims claims, ServerKey key, string source)
    {
        var o = options.CurrentValue;
        if (!VerifiedToken.TryCreate(claims, key.Alg, key.Kid, o.IssuerId, o.Audience, out var token)
            || !_perSource.TryTake(source, o.Tokens.MaxCachedTokensPerSource, out var counter))
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > o.Tokens.MaxCachedTokens || !_verified.TryAdd(digest, (token, counter)))
        {
            Interlocked.Decrement(ref _count);
            Shares.Release(counter);
        }
    }

    public string SweptName => "verified-signature cache";

    public int Sweep()
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        int removed = 0;
        foreach (var entry in _verified)
        {
            if (entry.Value.Token.Exp <= now && _verified.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
                Shares.Release(entry.Value.Source);
                removed++;
            }
        }

        _perSource.Trim();
        return removed;
    }
}
