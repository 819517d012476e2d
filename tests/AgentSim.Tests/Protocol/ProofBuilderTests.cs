using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Smp.AgentSim.Protocol;
using Smp.AgentSim.Tests.Fakes;

namespace Smp.AgentSim.Tests.Protocol;

[Collection(KeysCollection.Name)]
public sealed class ProofBuilderTests(KeyFixture keys)
{
    private const string Uid = "AAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public void Build_Ticket_GivesFiveB64uPartsWithExactNonce()
    {
        AgentIdentity agent = keys.Agents[0];
        string proof = ProofBuilder.Build(agent, Ticket(agent, 7));

        string[] parts = proof.Split('.');
        Assert.Equal(5, parts.Length);
        Assert.All(parts, part => Assert.True(B64u.TryDecode(part, out _)));
        Assert.True(B64u.TryDecode(parts[3], out byte[] nonce));
        Assert.Equal("{\"uid\":\"" + Uid + "\",\"ctr\":7}", Encoding.UTF8.GetString(nonce));
    }

    [Fact]
    public void Build_Ticket_AgentSignatureVerifiesWithPublicKey()
    {
        AgentIdentity agent = keys.Agents[0];
        string proof = ProofBuilder.Build(agent, Ticket(agent, 1));
        int last = proof.LastIndexOf('.');
        Assert.True(B64u.TryDecode(proof[(last + 1)..], out byte[] signature));

        using var publicKey = RSA.Create();
        Assert.True(B64u.TryDecode(agent.PublicKey.N, out byte[] n));
        Assert.True(B64u.TryDecode(agent.PublicKey.E, out byte[] e));
        publicKey.ImportParameters(new RSAParameters { Modulus = n, Exponent = e });
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(proof[..last]), signature,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NonceJson_CounterBelowOne_Throws(long counter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofBuilder.NonceJson(Uid, counter));
    }

    [Fact]
    public void NonceJson_Counter_HasOnlyUidAndCtr()
    {
        using JsonDocument nonce = JsonDocument.Parse(ProofBuilder.NonceJson(Uid, 3));

        Assert.Equal(["uid", "ctr"], nonce.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private ProofTicket Ticket(AgentIdentity agent, long counter)
    {
        string token = new FakeIssuer(keys.ServerKey).Token(agent, Uid);
        var issued = new IssuedToken(token, "test-key-1", Uid, agent.AgentId, agent.Thumbprint, "jti", DateTimeOffset.UtcNow.AddHours(1));
        return new ProofTicket(issued, counter);
    }
}
