using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Tokens whose server signature has already been verified, with their parsed claims, keyed by a
/// 128-bit digest of the token's exact text: a token seen before costs a hash instead of an RSA
/// operation and three JSON parses. Only successes are kept: a failed check is never remembered. A
/// non-canonical spelling of a token is other text, so it misses here and is refused by the parser.
/// The claims kept are never changed after they are parsed.
/// </summary>
internal sealed class VerifiedSignatureCache(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<UInt128, TokenClaims> _verified = new();
    private int _count;

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

    public bool TryGet(UInt128 key, out TokenClaims claims) => _verified.TryGetValue(key, out claims!);

    public void Add(UInt128 key, TokenClaims claims)
    {
        if (Interlocked.Increment(ref _count) > options.CurrentValue.Tokens.MaxCachedTokens || !_verified.TryAdd(key, claims))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public int Sweep()
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        int removed = 0;
        foreach (var entry in _verified)
        {
            if (entry.Value.Exp <= now && _verified.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
                removed++;
            }
        }

        return removed;
    }
}
