using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Smp.Gateway.Configuration;
using Smp.Gateway.Jose;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Tests.Tokens;

/// <summary>
/// The issued-token cache (§7: a repeated hello for the same agent and <c>uid</c> gets the token already
/// issued) in its compact form: what is read back is what was stored, it is found only for the key the token
/// is bound to, and it leaves at its expiry. (Bytes per entry: tests/Gateway.Benchmarks, <c>-- cache-memory</c>.)
/// </summary>
public sealed class IssuedTokenCacheTests
{
    private const long Exp = 1_700_028_800;
    private const string AgentId = "0b8e2c1e-3f4a-4d5b-8c6d-7e8f9a0b1c2d";
    private const string Uid = "dWlkLW9mLXRoZS1hZ2VudA";
    private static readonly string Jkt = Base64Url.Encode(SHA256.HashData("agent key"u8));
    private static readonly TokenTemplate Template = new("RS256", "kid-1", "smp-gateway", "https://ns.example.com");

    [Theory]
    [InlineData(256, 28_800)]
    [InlineData(384, 60)]
    [InlineData(512, 604_800)]
    public void TryGet_AfterSet_SameTemplateJtiTimesAndSignature(int signatureLength, long lifetime)
    {
        var (cache, _) = Create();
        byte[] signature = RandomNumberGenerator.GetBytes(signatureLength);
        var jti = (UInt128)0x0123_4567_89AB_CDEFUL << 64 | 0xFEDC_BA98_7654_3210UL;

        cache.Set(AgentId, Uid, Jkt, new CachedToken(Template, jti, Exp - lifetime, Exp, signature));

        Assert.True(cache.TryGet(AgentId, Uid, Jkt, out var held));
        Assert.Same(Template, held.Template);
        Assert.Equal((jti, Exp - lifetime, Exp), (held.Jti, held.IssuedAt, held.ExpiresAt));
        Assert.Equal(Base64Url.Encode(signature), held.SignatureText());
    }

    [Theory]
    [InlineData(AgentId, Uid, "other key", false)]
    [InlineData(AgentId, "b3RoZXItdWlkLW9mLWFnZW50", "agent key", false)]
    [InlineData("1c9f3d2f-4a5b-4e6c-9d7e-8f9a0b1c2d3e", Uid, "agent key", false)]
    [InlineData(AgentId, Uid, "agent key", true)]
    public void TryGet_AgentUidOrKeyOtherThanStored_FoundOnlyForAllThree(string agentId, string uid, string keyName, bool found)
    {
        var (cache, _) = Create();
        cache.Set(AgentId, Uid, Jkt, Token(Exp));

        string jkt = Base64Url.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(keyName)));

        Assert.Equal(found, cache.TryGet(agentId, uid, jkt, out _));
    }

    [Theory]
    [InlineData(-1, 0, true)]
    [InlineData(0, 1, false)]
    [InlineData(3_600, 1, false)]
    public void Sweep_AroundExpiry_DropsTheEntryFromItsExp(long secondsAfterExp, int removed, bool found)
    {
        var (cache, clock) = Create();
        cache.Set(AgentId, Uid, Jkt, Token(Exp));
        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(Exp + secondsAfterExp));

        Assert.Equal(removed, cache.Sweep());
        Assert.Equal(found, cache.TryGet(AgentId, Uid, Jkt, out _));
        Assert.Equal(found ? 1 : 0, cache.Count);
    }

    [Fact]
    public void Set_Full_NewPairNotRememberedAndHeldPairReplaced()
    {
        var (cache, _) = Create(capacity: 1);
        cache.Set(AgentId, Uid, Jkt, Token(Exp, jti: 1));

        cache.Set(AgentId, "b3RoZXItdWlkLW9mLWFnZW50", Jkt, Token(Exp, jti: 2));
        cache.Set(AgentId, Uid, Jkt, Token(Exp + 60, jti: 3));

        Assert.False(cache.TryGet(AgentId, "b3RoZXItdWlkLW9mLWFnZW50", Jkt, out _));
        Assert.True(cache.TryGet(AgentId, Uid, Jkt, out var held));
        Assert.Equal(((UInt128)3, Exp + 60), (held.Jti, held.ExpiresAt));
        Assert.Equal(1, cache.Count);
    }

    [Theory]
    [InlineData(Exp + 1, Exp)]
    [InlineData(-1, Exp)]
    [InlineData(Exp, 4_294_967_296)]
    public void CachedToken_TimesOutsideTheirBits_Throws(long issuedAt, long expiresAt) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachedToken(Template, 1, issuedAt, expiresAt, new byte[256]));

    [Fact]
    public void CachedToken_LastSecondOf32Bits_ReadBack()
    {
        var token = new CachedToken(Template, 1, uint.MaxValue - 604_800L, uint.MaxValue, new byte[256]);

        Assert.Equal((uint.MaxValue - 604_800L, (long)uint.MaxValue), (token.IssuedAt, token.ExpiresAt));
    }

    private static CachedToken Token(long exp, ulong jti = 7) => new(Template, jti, exp - 28_800, exp, RandomNumberGenerator.GetBytes(256));

    private static (IssuedTokenCache Cache, FakeTimeProvider Clock) Create(int capacity = 100)
    {
        var options = new GatewayOptions();
        options.Tokens.MaxCachedTokens = capacity;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Exp - 28_800));
        return (new IssuedTokenCache(new StaticOptionsMonitor(options), clock), clock);
    }
}
