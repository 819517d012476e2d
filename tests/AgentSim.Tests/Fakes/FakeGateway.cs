using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>
/// A throwaway gateway for tests of the agent side only: enrollment, hello, proof, replay counters,
/// revocation and connection authentication, from PROTOCOL.md, with knobs to misbehave.
/// </summary>
internal sealed partial class FakeGateway(FakeIssuer issuer)
{
    private readonly ConcurrentDictionary<string, (RSA Key, string Jkt)> _agents = new();
    private readonly ConcurrentDictionary<string, byte> _revoked = new();
    private readonly ConcurrentDictionary<(string Agent, string Uid), string> _tokens = new();
    private readonly ConcurrentDictionary<string, long> _counters = new();
    private readonly ConcurrentDictionary<string, string> _connections = new();

    public FakeIssuer Issuer => issuer;

    /// <summary>Rewrites each challenge token before it is sent, to test the agent's checks.</summary>
    public Func<string, string>? TamperChallenge { get; set; }

    /// <summary>Answers the next proof with this instead of checking it.</summary>
    public FakeAnswer? NextProofAnswer { get; set; }

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public void Enroll(AgentIdentity agent)
    {
        RSA key = RSA.Create();
        key.ImportParameters(new RSAParameters
        {
            Modulus = Decode(agent.PublicKey.N),
            Exponent = Decode(agent.PublicKey.E),
        });
        _agents[agent.AgentId] = (key, agent.PublicKey.Thumbprint());
    }

    public byte[] EnrollFromJson(byte[] body, out string agentId)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        agentId = document.RootElement.GetProperty("agentId").GetString()!;
        JsonElement jwk = document.RootElement.GetProperty("publicKey");
        var publicKey = new RsaPublicJwk(jwk.GetProperty("n").GetString()!, jwk.GetProperty("e").GetString()!);
        RSA key = RSA.Create();
        key.ImportParameters(new RSAParameters { Modulus = Decode(publicKey.N), Exponent = Decode(publicKey.E) });
        _agents[agentId] = (key, publicKey.Thumbprint());
        string id = agentId;
        using JsonDocument keys = JsonDocument.Parse(issuer.JwksJson());
        return FakeIssuer.Json(w =>
        {
            w.WriteString("agentId", id);
            w.WriteString("jkt", publicKey.Thumbprint());
            w.WritePropertyName("keys");
            keys.RootElement.WriteTo(w);
        });
    }

    public void Revoke(string agentId) => _revoked[agentId] = 1;

    public FakeAnswer Handle(string? authorization, string connectionId)
    {
        Authorizations.Enqueue(authorization);
        if (authorization is null)
        {
            return _connections.ContainsKey(connectionId) ? FakeAnswer.Ok : new FakeAnswer(401);
        }

        _connections.TryRemove(connectionId, out _);
        Match hello = Hello().Match(authorization);
        if (hello.Success)
        {
            string agentId = hello.Groups["agent"].Value;
            return _revoked.ContainsKey(agentId) ? new FakeAnswer(403, "agent-revoked")
                : !_agents.ContainsKey(agentId) ? new FakeAnswer(401, "agent-unknown")
                : new FakeAnswer(401, null, Challenge(agentId, hello.Groups["uid"].Value));
        }

        if (NextProofAnswer is { } forced)
        {
            NextProofAnswer = null;
            return forced;
        }

        FakeAnswer answer = CheckProof(authorization["SMPToken ".Length..], out string? agent);
        if (answer.Status == 200)
        {
            _connections[connectionId] = agent!;
        }

        return answer;
    }

    private FakeAnswer CheckProof(string proof, out string? agentId)
    {
        agentId = null;
        string[] parts = proof.Split('.');
        if (parts.Length != 5 || !issuer.VerifyServerSignature(proof))
        {
            return new FakeAnswer(401, "malformed");
        }

        JsonElement header = FakeIssuer.Part(proof, 0);
        JsonElement payload = FakeIssuer.Part(proof, 1);
        JsonElement nonce = FakeIssuer.Part(proof, 3);
        agentId = payload.GetProperty("sub").GetString()!;
        string uid = header.GetProperty("nonce").GetProperty("uid").GetString()!;
        if (_revoked.ContainsKey(agentId))
        {
            return new FakeAnswer(403, "agent-revoked");
        }

        (RSA key, string _) = _agents[agentId];
        byte[] signature = Decode(parts[4]);
        byte[] signed = Encoding.ASCII.GetBytes(string.Join('.', parts[..4]));
        if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return new FakeAnswer(403, "agent-signature-invalid");
        }

        if (nonce.GetProperty("uid").GetString() != uid)
        {
            return new FakeAnswer(401, "nonce-mismatch", Challenge(agentId, uid));
        }

        long ctr = nonce.GetProperty("ctr").GetInt64();
        string jti = payload.GetProperty("jti").GetString()!;
        bool fresh = false;
        _counters.AddOrUpdate(jti, _ => { fresh = true; return ctr; }, (_, max) => { fresh = ctr > max; return Math.Max(ctr, max); });
        return fresh ? FakeAnswer.Ok : new FakeAnswer(403, "replay");
    }

    private string Challenge(string agentId, string uid)
    {
        string token = _tokens.GetOrAdd((agentId, uid), _ => issuer.Token(agentId, _agents[agentId].Jkt, uid));
        return TamperChallenge is { } tamper ? tamper(token) : token;
    }

    private static byte[] Decode(string text)
    {
        Assert.True(B64u.TryDecode(text, out byte[] bytes));
        return bytes;
    }

    [GeneratedRegex("""^SMPToken agent="(?<agent>[0-9a-f-]{36})", nonce="(?<uid>[A-Za-z0-9_-]{16,64})"$""")]
    private static partial Regex Hello();
}
