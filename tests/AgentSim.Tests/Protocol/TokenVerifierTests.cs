using Smp.AgentSim.Protocol;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Protocol;

[Collection(KeysCollection.Name)]
public sealed class TokenVerifierTests(KeyFixture keys)
{
    private const string Uid = "BBBBBBBBBBBBBBBBBBBBBB";

    [Fact]
    public void Verify_GoodToken_IsKept()
    {
        var issuer = new FakeIssuer(keys.ServerKey);
        using ServerKeySet serverKeys = issuer.KeySet();
        var verifier = new TokenVerifier(keys.Agents[0], serverKeys);

        TokenRejection rejection = verifier.Verify(issuer.Token(keys.Agents[0], Uid, jti: "j1"), Uid, out IssuedToken? token);

        Assert.Equal(TokenRejection.None, rejection);
        Assert.Equal("j1", token!.Jti);
        Assert.Equal(Uid, token.Uid);
    }

    [Theory]
    [InlineData("signature", nameof(TokenRejection.ServerSignatureInvalid))]
    [InlineData("uid", nameof(TokenRejection.UidMismatch))]
    [InlineData("alg", nameof(TokenRejection.UnknownKey))]
    [InlineData("kid", nameof(TokenRejection.UnknownKey))]
    [InlineData("agent", nameof(TokenRejection.NotForThisAgent))]
    [InlineData("parts", nameof(TokenRejection.Malformed))]
    public void Verify_BadToken_IsRejected(string fault, string expected)
    {
        var issuer = new FakeIssuer(keys.ServerKey);
        using ServerKeySet serverKeys = issuer.KeySet();
        var verifier = new TokenVerifier(keys.Agents[0], serverKeys);
        string token = fault switch
        {
            "signature" => FakeIssuer.TamperSignature(issuer.Token(keys.Agents[0], Uid)),
            "uid" => issuer.Token(keys.Agents[0], "CCCCCCCCCCCCCCCCCCCCCC"),
            "alg" => issuer.Token(keys.Agents[0], Uid, alg: "HS256"),
            "kid" => new FakeIssuer(keys.ServerKey, kid: "other").Token(keys.Agents[0], Uid),
            "agent" => issuer.Token(keys.Agents[1], Uid),
            _ => issuer.Token(keys.Agents[0], Uid) + ".x",
        };

        Assert.Equal(expected, verifier.Verify(token, Uid, out IssuedToken? kept).ToString());
        Assert.Null(kept);
    }
}
