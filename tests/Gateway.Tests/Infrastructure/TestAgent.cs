using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// An agent written from PROTOCOL.md for the tests, using none of the gateway's code: it enrolls,
/// says hello, and builds proofs (also deliberately wrong ones).
/// </summary>
internal sealed class TestAgent
{
    private static readonly Lazy<RSA>[] Keys = Enumerable.Range(0, 6).Select(_ => new Lazy<RSA>(() => RSA.Create(2048))).ToArray();
    private const int AgentKeys = 4;
    private static int _next;

    public TestAgent(RSA key, string? agentId = null)
    {
        Key = key;
        AgentId = agentId ?? Guid.NewGuid().ToString("D");
        var p = key.ExportParameters(false);
        N = B64.Url(p.Modulus!);
        E = B64.Url(p.Exponent!);
        Jkt = Thumbprint(N, E);
    }

    public string AgentId { get; }
    public RSA Key { get; }
    public string N { get; }
    public string E { get; }
    public string Jkt { get; }

    /// <summary>A new agent id with one of a few keys generated once per run (RSA key generation is slow).</summary>
    public static TestAgent New() => new(Keys[Interlocked.Increment(ref _next) % AgentKeys].Value);

    /// <summary>A key no <see cref="New"/> agent holds: a stranger's.</summary>
    public static RSA ForeignKey(int index) => Keys[AgentKeys + (index % (Keys.Length - AgentKeys))].Value;

    public static string Thumbprint(string n, string e) =>
        B64.Url(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"e\":\"{e}\",\"kty\":\"RSA\",\"n\":\"{n}\"}}")));

    public static string NewUid() => B64.Url(RandomNumberGenerator.GetBytes(16));

    public string EnrollmentBody() => $"{{\"agentId\":\"{AgentId}\",\"publicKey\":{{\"kty\":\"RSA\",\"n\":\"{N}\",\"e\":\"{E}\"}}}}";

    public async Task<HttpResponseMessage> EnrollAsync(HttpClient client, string secret = GatewayHost.Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents")
        {
            Content = new StringContent(EnrollmentBody(), Encoding.UTF8, "application/json"),
            Version = client.DefaultRequestVersion,
            VersionPolicy = client.DefaultVersionPolicy,
        };
        request.Headers.Add("X-SMP-Enrollment", secret);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"enrollment answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public string Hello(string uid) => $"SMPToken agent=\"{AgentId}\", nonce=\"{uid}\"";

    /// <summary>Says hello and returns the token of the 401 challenge.</summary>
    public async Task<string> GetTokenAsync(HttpClient client, string uid, string path = Paths.Echo)
    {
        using var response = await SendAsync(client, path, Hello(uid));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return Challenge.TokenOf(response) ?? throw new Xunit.Sdk.XunitException("the hello got no token");
    }

    /// <summary>Both steps with a new uid: the hello, then the proof with counter 1; the proof's answer.</summary>
    public async Task<HttpResponseMessage> AuthenticateAsync(HttpClient client, string path = Paths.Echo)
    {
        string uid = NewUid();
        return await SendAsync(client, path, "SMPToken " + Proof(await GetTokenAsync(client, uid, path), uid, 1));
    }

    public string Proof(string token, string uid, long counter) => ProofWithNonce(token, $"{{\"uid\":\"{uid}\",\"ctr\":{counter}}}");

    public string ProofWithNonce(string token, string nonceJson)
    {
        string signed = token + "." + B64.Url(nonceJson);
        return signed + "." + B64.Url(Sign(signed));
    }

    public byte[] Sign(string ascii) => Key.SignData(Encoding.ASCII.GetBytes(ascii), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? authorization, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        configure?.Invoke(request);
        return await client.SendAsync(request);
    }
}
