using System.Security.Cryptography;
using Smp.Gateway.Configuration;
using Smp.Gateway.Jose;
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
    private const string Header = "{\"alg\":\"RS256\",\"typ\":\"smp+jwt\",\"kid\":\"k-3f2a9c1e0b7d\",\"nonce\":{\"uid\":\"UID\",\"ctr\":0}}";
    private const string Payload = "{\"iss\":\"https://ns.example.com\",\"sub\":\"SUB\",\"aud\":\"https://ns.example.com\",\"iat\":1767225600,\"nbf\":1767225600,\"exp\":1767254400,\"jti\":\"JTI\",\"cnf\":{\"jkt\":\"JKT\"}}";

    public static void Run(int entries = 1_000_000)
    {
        var options = new GatewayOptions();
        options.Tokens.MaxCachedTokens = entries;
        var monitor = new StaticOptionsMonitor(options);
        string jkt = Base64Url.Encode(SHA256.HashData("key"u8));
        string signature = Base64Url.Encode(RandomNumberGenerator.GetBytes(256));
        long exp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;

        long before = Settle();
        var issued = new IssuedTokenCache(monitor, TimeProvider.System);
        for (int i = 0; i < entries; i++)
        {
            var (agentId, uid, jti) = Names(i);
            string token = Base64Url.Encode(System.Text.Encoding.ASCII.GetBytes(Header.Replace("UID", uid))) + "."
                + Base64Url.Encode(System.Text.Encoding.ASCII.GetBytes(Payload.Replace("SUB", agentId).Replace("JTI", jti).Replace("JKT", jkt))) + "." + signature;
            issued.Set(agentId, uid, new IssuedToken(token, jti, new string(jkt), exp - 28800, exp));
        }

        long afterIssued = Settle();
        GC.KeepAlive(issued);
        Console.WriteLine($"issued-token cache: {(afterIssued - before) / (double)entries:F0} bytes per entry at {entries:N0}");
        issued = null;

        before = Settle();
        var verified = new VerifiedSignatureCache(monitor, TimeProvider.System);
        for (int i = 0; i < entries; i++)
        {
            var (agentId, uid, jti) = Names(i);
            var claims = new TokenClaims
            {
                Alg = new string("RS256"), Kid = new string("k-3f2a9c1e0b7d"), Uid = uid, Iss = new string("https://ns.example.com"),
                Sub = agentId, Aud = new string("https://ns.example.com"), Iat = exp - 28800, Nbf = exp - 28800, Exp = exp, Jti = jti, Jkt = new string(jkt),
            };
            verified.Add(VerifiedSignatureCache.KeyOf(agentId + uid + jti), claims);
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
