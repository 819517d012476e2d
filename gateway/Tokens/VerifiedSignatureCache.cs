using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Collections;
using Smp.Gateway.Configuration;
using Smp.Gateway.Expiry;
using Smp.Gateway.Keys;

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
    private readonly ExpiringMap<UInt128, Entry> _verified = new();
    private readonly Shares _perSource = new();

    public int Count => _verified.Count;

    public static UInt128 KeyOf(ReadOnlySpan<char> token)
    {
        // Tokens are ASCII: one byte per char.
        byte[]? rented = null;
        Span<byte> bytes = token.Length <= 4096 ? stackalloc byte[token.Length] : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        int length = Encoding.ASCII.GetBytes(token, bytes);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes[..length], digest);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
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

        if (!_verified.TryReserve(o.Tokens.MaxCachedTokens))
        {
            Shares.Release(counter);
            return;
        }

        _verified.TryAddReserved(digest, new Entry(token, counter), out _);
    }

    public string SweptName => "verified-signature cache";

    public int Sweep()
    {
        int removed = _verified.Sweep(time.GetUtcNow().ToUnixTimeSeconds());
        _perSource.Trim();
        return removed;
    }

    /// <summary>A verified token and the share of the address it came from, given back when it is dropped.</summary>
    private readonly record struct Entry(VerifiedToken Token, Shares.Counter? Source) : IExpiringEntry
    {
        public long ExpiresAt => Token.Exp;

        public void Release() => Shares.Release(Source);
    }
}
