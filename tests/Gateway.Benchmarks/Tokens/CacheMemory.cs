using System.Security.Cryptography;
using Smp.Gateway.Configuration;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Benchmarks.Tokens;

/// <summary>
/// Bytes of managed heap per entry of the issued-token cache and of the verified-signature cache: the
/// heap after a full collection, before and after a million entries, divided by the count. Each entry
/// is made as a request makes it (its strings new, as parsed from the wire), so what the cache keeps
/// alive is what is counted.
/// </summary>
internal static class CacheMemory
{
    public static void Run(int entries = 1_000_000)
    {
        var options = new GatewayOptions { Audience = "https://ns.example.com", IssuerId = "smp-gateway" };
        options.Tokens.MaxCachedTokens = entries;
        options.Tokens.MaxCachedTokensPerSource = entries;
        var monitor = new StaticOptionsMonitor(options);
        using var rsa = RSA.Create(2048);
        var key = new ServerKey(rsa, canSign: true);
        string jkt = Base64Url.Encode(SHA256.HashData("key"u8));
        var template = new TokenTemplate(key.Alg, key.Kid, options.IssuerId, options.Audience);
        long exp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;

        // As TokenIssuer fills it: the signature new, the values all tokens share one template.
        long before = Settle();
        var issued = new IssuedTokenCache(monitor, TimeProvider.System);
        for (int i = 0; i < entries; i++)
        {
            var (agentId, uid, _) = Names(i);
            byte[] signature = RandomNumberGenerator.GetBytes(key.SignatureLength);
            var jti = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(RandomNumberGenerator.GetBytes(16));
            issued.Set(agentId, uid, new string(jkt), new CachedToken(template, jti, exp - 28800, exp, signature));
        }

        long afterIssued = Settle();
        GC.KeepAlive(issued);
        Console.WriteLine($"issued-token cache: {(afterIssued - before) / (double)entries:F0} bytes per entry at {entries:N0}");
        issued = null;

        // As ProofValidator fills it: claims as the parser makes them, every string new.
        before = Settle();
        var verified = new VerifiedSignatureCache(monitor, TimeProvider.System);
        for (int i = 0; i < entries; i++)
        {
            var (agentId, uid, jti) = Names(i);
            var claims = new TokenClaims
            {
                Alg = new string(key.Alg), Kid = new string(key.Kid), Uid = uid, Iss = new string(options.IssuerId),
                Sub = agentId, Aud = new string(options.Audience), Iat = exp - 28800, Nbf = exp - 28800, Exp = exp, Jti = jti, Jkt = new string(jkt),
            };
            verified.Add(VerifiedSignatureCache.KeyOf(agentId + uid + jti), claims, key, "127.0.0.1");
        }

        long afterVerified = Settle();
        GC.KeepAlive(verified);
        Console.WriteLine($"verified-signature cache: {(afterVerified - before) / (double)entries:F0} bytes per entry at {entries:N0}");
    }

    private static (string AgentId, string Uid, string Jti) Names(int i)
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        string uid = Base64Url.Encode(bytes);
        RandomNumberGenerator.Fill(bytes);
        return (new Guid(bytes).ToString("D"), uid, Base64Url.Encode(RandomNumberGenerator.GetBytes(16)) is var jti ? jti : string.Empty);
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
