using System.Security.Cryptography;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>What a proof test needs: an enrolled agent, a uid, the server key, and tokens minted at will.</summary>
internal sealed record ProofCase(GatewayHost Host, TestAgent Agent, string Uid, RSA ServerKey, string Kid)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static async Task<ProofCase> NewAsync(GatewayHost host)
    {
        var agent = TestAgent.New();
        using var client = host.NewClient();
        (await agent.EnrollAsync(client)).Dispose();
        var key = host.ReadSigningKey();
        return new ProofCase(host, agent, TestAgent.NewUid(), key, TokenForge.Kid(key));
    }

    public string Payload(Func<long, string>? exp = null, string? sub = null, string? aud = null, long? iat = null, long? nbf = null, string? jkt = null, string? iss = null)
    {
        long now = TokenForge.Now;
        return TokenForge.Payload(sub ?? Agent.AgentId, aud ?? Host.Url, iat ?? now, nbf ?? now, exp is null ? (now + 3600).ToString() : exp(now), jkt ?? Agent.Jkt, iss: iss ?? "smp-gateway");
    }

    public string Header(string? alg = null, string? typ = null) => TokenForge.Header(Kid, Uid, alg ?? "RS256", typ ?? "smp+jwt");

    public string Token(string? header = null, string? payload = null, RSA? key = null) =>
        TokenForge.Mint(key ?? ServerKey, header ?? Header(), payload ?? Payload());

    public string Proof(string? token = null, long counter = 1) => Agent.Proof(token ?? Token(), Uid, counter);

    public string Nonce(long counter = 1) => $"{{\"uid\":\"{Uid}\",\"ctr\":{counter}}}";

    /// <summary>Changes the last character of the last part to another spelling of the same bytes (§2).</summary>
    public static string Respell(string text) => text[..^1] + Alphabet[Alphabet.IndexOf(text[^1]) ^ 1];
}
