using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Tokens whose server signature has already been verified, keyed by a 128-bit digest of the token's
/// text, so a token seen before costs a hash instead of an RSA operation. Only successes are kept:
/// a failed check is never remembered. Parsing refuses every non-canonical spelling before this is
/// consulted, so one token has one key.
/// </summary>
internal sealed class VerifiedSignatureCache(IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<UInt128, long> _verified = new();
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

    public bool Contains(UInt128 key) => _verified.ContainsKey(key);

    public void Add(UInt128 key, long expiresAt)
    {
        if (Interlocked.Increment(ref _count) > options.CurrentValue.Tokens.MaxCachedTokens || !_verified.TryAdd(key, expiresAt))
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
            if (entry.Value <= now && _verified.TryRemove(entry))
            {
                Interlocked.Decrement(ref _count);
                removed++;
            }
        }

        return removed;
    }
}
