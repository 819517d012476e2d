using System.Net;
using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Agents;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Hardening;

/// <summary>
/// ../shared/spec/ATTACKS.md, item by item (the number leads each name): the exact status and code,
/// never a 500, and neither the replay registry nor the agent store changed by a refused request.
/// Items answered elsewhere or that do not apply are listed in <see cref="NotHere"/> with the reason.
/// </summary>
public sealed class AttackCatalogTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>Items of ATTACKS.md not in this file, and why.</summary>
    public static readonly IReadOnlyDictionary<int, string> NotHere = new Dictionary<int, string>
    {
        [24] = "skew boundaries: rows 'expired within skew' and 'expired beyond skew' of Tokens/ProofValidationTests and A24 below; IdentityModel's 300 s default is not ours (60 s, at most 300).",
        [36] = "weak agent keys at enrollment: Agents/EnrollmentTests (e=3, 1024 bits) answer 400 naming the field.",
        [40] = "counter order 10, 8, 9: Replay/ReplayWindowTests, and A40 below through HTTP.",
        [41] = "window boundary: Replay/ReplayWindowTests (100 then 37 accepted, 36 refused) and the FsCheck model.",
        [44] = "entry lifetime: Replay/MemoryReplayRegistryTests.Sweep_AfterKeepUntil_EntryDroppedAndLateUseRefused.",
        [45] = "memory at 10^6 tokens: a benchmark, not a test (issue 7); a 10 KB uid is A45 below.",
        [47] = "concurrency on one node: Replay/MemoryReplayRegistryTests (64 copies, one accepted); across nodes with Redis: issue 5.",
        [48] = "distinct counters at once: Replay/MemoryReplayRegistryTests.TryAccept_ConcurrentDistinctCounters_AllAccepted.",
        [49] = "a node on memory beside Redis nodes: issue 5 (Redis).",
        [50] = "Redis down: issue 5 (Redis).",
        [51] = "Redis failover: issue 5 (Redis).",
        [52] = "Redis latency: issue 5 (Redis).",
        [53] = "clock skew between nodes: issue 5 (Redis); one node has one clock.",
        [54] = "Redis eviction: issue 5 (Redis).",
        [57] = "token in the query: the gateway reads credentials from the Authorization header only, never the query; two headers: Tokens/ProofValidationTests.Request_TwoAuthorizationHeaders_BadRequestMalformed.",
        [60] = "bad token and Basic: one Authorization header carries one; Basic on a Token route is no downgrade: Routing/RouteModeTests.Route_TokenOnly_BasicIsNotADowngrade.",
        [61] = "Basic over plain HTTP: Routing/RouteModeTests.Route_AccOverPlainHttpNotAllowed_Refused.",
        [63] = "the same bad password 50 times: the lockout shield (issue 3).",
        [64] = "password spraying: the lockout shield (issue 3).",
        [65] = "stale credential alert: the lockout shield (issue 3).",
        [66] = "structure-aware fuzzing: Hardening/ProofFuzzTests.",
        [67] = "jwt_tool against staging: an operator's nightly job; its attack classes are the rows here.",
    };

    private static readonly Dictionary<string, Func<ProofCase, string>> Attacks = new()
    {
        ["A1 empty"] = c => "SMPToken ",
        ["A1 a."] = c => "SMPToken a.",
        ["A1 a.b"] = c => "SMPToken a.b",
        ["A1 a.b.c."] = c => "SMPToken a.b.c.",
        ["A1 three-part token"] = c => "SMPToken " + c.Token(),
        ["A2 h..s"] = c => "SMPToken " + B64.Url(c.Header()) + "..sig.x.y",
        ["A2 1.2.3.4.."] = c => "SMPToken 1.2.3.4..",
        ["A3 JSON serialization"] = c => "SMPToken {\"payload\":\"x\",\"signatures\":[]}",
        ["A4 padding"] = c => "SMPToken " + c.Proof() + "==",
        ["A4 slash"] = c => "SMPToken " + c.Proof().Replace('_', '/'),
        ["A5 server signature respelled"] = c => "SMPToken " + c.Agent.Proof(ProofCase.Respell(c.Token()), c.Uid, 1),
        ["A5 agent signature respelled"] = c => "SMPToken " + ProofCase.Respell(c.Proof()),
        ["A7 10 KB proof"] = c => "SMPToken " + c.Proof() + new string('A', 10240),
        ["A8 header is an array"] = c => "SMPToken " + c.Proof(c.Token(header: "[\"RS256\"]")),
        ["A8 header is a string"] = c => "SMPToken " + c.Proof(c.Token(header: "\"RS256\"")),
        ["A8 header in UTF-16"] = c => "SMPToken " + c.Proof(MintRaw(c, Encoding.Unicode.GetBytes(c.Header()), c.Payload())),
        ["A8 payload with BOM"] = c => "SMPToken " + c.Proof(MintRaw(c, Encoding.UTF8.GetBytes(c.Header()), "\uFEFF" + c.Payload())),
        ["A8 invalid UTF-8"] = c => "SMPToken " + c.Proof(MintRaw(c, [.. Encoding.UTF8.GetBytes(c.Header()[..^1]), .. ",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8], c.Payload())),
        ["A8 lone surrogate"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace("\"iss\":\"smp-gateway\"", "\"iss\":\"\\ud800\""))),
        ["A9 duplicate kid"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace("\"kid\"", "\"kid\":\"x\",\"kid\""))),
        ["A9 duplicate nonce"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"nonce\":{\"uid\":\"" + c.Uid + "\",\"ctr\":0}}")),
        ["A9 duplicate jkt in cnf"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace("\"cnf\":{", "\"cnf\":{\"jkt\":\"x\","))),
        ["A9 duplicate escaped name"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace("\"sub\":", "\"s\\u0075b\":\"x\",\"sub\":"))),
        ["A10 65 levels in the header"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"x\":" + new string('[', 65) + new string(']', 65) + "}")),
        ["A11 exp 2.001e+206"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(exp: _ => "2.001e+206"))),
        ["A11 exp -1"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(exp: _ => "-1"))),
        ["A11 ctr 9007199254740993"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":9007199254740993}}"),
        ["A11 ctr 1e309"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1e309}}"),
        ["A12 alg None"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header(alg: "None"))),
        ["A12 alg nOnE, no signature"] = c => "SMPToken " + c.Agent.Proof(B64.Url(c.Header(alg: "nOnE")) + "." + B64.Url(c.Payload()) + ".AA", c.Uid, 1),
        ["A13 HS256 keyed with the server's public key"] = c => "SMPToken " + c.Proof(MintHmac(c, c.ServerKey.ExportSubjectPublicKeyInfoPem())),
        ["A14 RS384"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header(alg: "RS384"))),
        ["A14 PS256"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header(alg: "PS256"))),
        ["A15 ES256 with r = s = 0"] = c => "SMPToken " + c.Agent.Proof(B64.Url(c.Header(alg: "ES256")) + "." + B64.Url(c.Payload()) + "." + B64.Url(new byte[64]), c.Uid, 1),
        ["A16 null signature"] = c => "SMPToken " + B64.Url(c.Header()) + "." + B64.Url(c.Payload()) + "..n.s",
        ["A16 HMAC with a blank secret"] = c => "SMPToken " + c.Proof(MintHmac(c, "")),
        ["A17 embedded jwk"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + $",\"jwk\":{{\"kty\":\"RSA\",\"n\":\"{c.Agent.N}\",\"e\":\"AQAB\"}}}}")),
        ["A18 jku to the metadata address"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"jku\":\"http://169.254.169.254/keys\"}")),
        ["A18 x5u"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"x5u\":\"http://127.0.0.1/cert\"}")),
        ["A18 x5c"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"x5c\":[\"MIIB\"]}")),
        ["A19 kid empty"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace(c.Kid, ""))),
        ["A19 kid null"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace($"\"{c.Kid}\"", "null"))),
        ["A19 kid 1"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace($"\"{c.Kid}\"", "1"))),
        ["A19 kid path"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace(c.Kid, "../../dev/null"))),
        ["A19 kid SQL"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace(c.Kid, "' OR 1=1--"))),
        ["A19 kid NUL"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace(c.Kid, "\\u0000"))),
        ["A19 kid 10 KB"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace(c.Kid, new string('k', 10240)))),
        ["A20 other key under the current kid"] = c => "SMPToken " + c.Proof(c.Token(key: TestAgent.ForeignKey(0))),
        ["A20 kid absent"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header().Replace($"\"kid\":\"{c.Kid}\",", ""))),
        ["A21 crit"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"crit\":[\"exp\"]}")),
        ["A22 JWE members"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header()[..^1] + ",\"enc\":\"A256GCM\",\"zip\":\"DEF\",\"p2c\":1000000000}")),
        ["A23 JWE-shaped proof"] = c => "SMPToken " + c.Proof(c.Token(header: $"{{\"alg\":\"RSA-OAEP\",\"enc\":\"A256CBC-HS512\",\"typ\":\"smp+jwt\",\"kid\":\"{c.Kid}\",\"nonce\":{{\"uid\":\"{c.Uid}\",\"ctr\":0}}}}")),
        ["A25 exp missing"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace("\"exp\":", "\"xxx\":"))),
        ["A25 nbf after exp, both future"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(nbf: TokenForge.Now + 7200))),
        ["A26 nbf as a string"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace($"\"nbf\":{TokenForge.Now}", $"\"nbf\":\"{TokenForge.Now}\""))),
        ["A27 expired and badly signed"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(exp: now => (now - 3600).ToString()), key: TestAgent.ForeignKey(1))),
        ["A28 typ JWT"] = c => "SMPToken " + c.Proof(c.Token(header: c.Header(typ: "JWT"))),
        ["A29 payload tampered, signature kept"] = c => { var t = c.Token().Split('.'); return "SMPToken " + c.Proof(t[0] + "." + B64.Url(c.Payload(sub: Guid.NewGuid().ToString())) + "." + t[2]); },
        ["A30 cnf.jkt missing"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace($"\"cnf\":{{\"jkt\":\"{c.Agent.Jkt}\"}}", "\"cnf\":{}"))),
        ["A30 jkt over a non-canonical JWK"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(jkt: B64.Url(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"kty\":\"RSA\",\"n\":\"{c.Agent.N}\",\"e\":\"AQAB\"}}")))))),
        ["A31 header nonce missing"] = c => "SMPToken " + c.Proof(c.Token(header: $"{{\"alg\":\"RS256\",\"typ\":\"smp+jwt\",\"kid\":\"{c.Kid}\"}}")),
        ["A31 nonce in the payload"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload()[..^1] + $",\"nonce\":{{\"uid\":\"{c.Uid}\",\"ctr\":0}}}}")),
        ["A32 agent signature over 1.2.3.4."] = c => { var t = c.Token(); return "SMPToken " + t + "." + B64.Url(c.Nonce()) + "." + B64.Url(c.Agent.Sign("1.2.3.4.")); },
        ["A32 agent signature over the decoded JSON"] = c => { var t = c.Token(); return "SMPToken " + t + "." + B64.Url(c.Nonce()) + "." + B64.Url(c.Agent.Sign(c.Nonce())); },
        ["A33 nonce re-serialized, old signature"] = c => { var p = c.Proof().Split('.'); return "SMPToken " + string.Join('.', p[0], p[1], p[2], B64.Url($"{{\"ctr\":1,\"uid\":\"{c.Uid}\"}}"), p[4]); },
        ["A34 agent signature by the server key"] = c => { var t = c.Token(); string s = t + "." + B64.Url(c.Nonce()); return "SMPToken " + s + "." + B64.Url(c.ServerKey.SignData(Encoding.ASCII.GetBytes(s), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)); },
        ["A35 agent signature 257 bytes"] = c => "SMPToken " + c.Token() + "." + B64.Url(c.Nonce()) + "." + B64.Url(new byte[257]),
        ["A35 agent signature value 1"] = c => "SMPToken " + c.Token() + "." + B64.Url(c.Nonce()) + "." + B64.Url([.. new byte[255], 1]),
        ["A35 agent signature above the modulus"] = c => "SMPToken " + c.Token() + "." + B64.Url(c.Nonce()) + "." + B64.Url(Enumerable.Repeat((byte)0xFF, 256).ToArray()),
        ["A37 nonce uid differs"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{TestAgent.NewUid()}\",\"ctr\":1}}"),
        ["A37 ctr not above the header's 0"] = c => "SMPToken " + c.Proof(counter: 0),
        ["A45 10 KB uid in a hello"] = c => $"SMPToken agent=\"{c.Agent.AgentId}\", nonce=\"{new string('A', 10240)}\"",
        ["A62 NTLM handshake"] = c => "NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==",
    };

    public static TheoryData<string, int, string?> Table => new()
    {
        { "A1 empty", 401, "malformed" },
        { "A1 a.", 401, "malformed" },
        { "A1 a.b", 401, "malformed" },
        { "A1 a.b.c.", 401, "malformed" },
        { "A1 three-part token", 401, "malformed" },
        { "A2 h..s", 401, "malformed" },
        { "A2 1.2.3.4..", 401, "malformed" },
        { "A3 JSON serialization", 401, "malformed" },
        { "A4 padding", 401, "malformed" },
        { "A4 slash", 401, "malformed" },
        { "A5 server signature respelled", 401, "malformed" },
        { "A5 agent signature respelled", 401, "malformed" },
        { "A7 10 KB proof", 401, "malformed" },
        { "A8 header is an array", 401, "malformed" },
        { "A8 header is a string", 401, "malformed" },
        { "A8 header in UTF-16", 401, "malformed" },
        { "A8 payload with BOM", 401, "malformed" },
        { "A8 invalid UTF-8", 401, "malformed" },
        { "A8 lone surrogate", 401, "malformed" },
        { "A9 duplicate kid", 401, "malformed" },
        { "A9 duplicate nonce", 401, "malformed" },
        { "A9 duplicate jkt in cnf", 401, "malformed" },
        { "A9 duplicate escaped name", 401, "malformed" },
        { "A10 65 levels in the header", 401, "malformed" },
        { "A11 exp 2.001e+206", 401, "malformed" },
        { "A11 exp -1", 401, "malformed" },
        { "A11 ctr 9007199254740993", 401, "malformed" },
        { "A11 ctr 1e309", 401, "malformed" },
        { "A12 alg None", 401, "unknown-key" },
        { "A12 alg nOnE, no signature", 401, "unknown-key" },
        { "A13 HS256 keyed with the server's public key", 401, "unknown-key" },
        { "A14 RS384", 401, "unknown-key" },
        { "A14 PS256", 401, "unknown-key" },
        { "A15 ES256 with r = s = 0", 401, "unknown-key" },
        { "A16 null signature", 401, "malformed" },
        { "A16 HMAC with a blank secret", 401, "unknown-key" },
        { "A17 embedded jwk", 401, "malformed" },
        { "A18 jku to the metadata address", 401, "malformed" },
        { "A18 x5u", 401, "malformed" },
        { "A18 x5c", 401, "malformed" },
        { "A19 kid empty", 401, "unknown-key" },
        { "A19 kid null", 401, "malformed" },
        { "A19 kid 1", 401, "malformed" },
        { "A19 kid path", 401, "unknown-key" },
        { "A19 kid SQL", 401, "unknown-key" },
        { "A19 kid NUL", 401, "unknown-key" },
        { "A19 kid 10 KB", 401, "malformed" },
        { "A20 other key under the current kid", 401, "server-signature-invalid" },
        { "A20 kid absent", 401, "malformed" },
        { "A21 crit", 401, "malformed" },
        { "A22 JWE members", 401, "malformed" },
        { "A23 JWE-shaped proof", 401, "malformed" },
        { "A25 exp missing", 401, "malformed" },
        { "A25 nbf after exp, both future", 401, "not-yet-valid" },
        { "A26 nbf as a string", 401, "malformed" },
        { "A27 expired and badly signed", 401, "server-signature-invalid" },
        { "A28 typ JWT", 401, "malformed" },
        { "A29 payload tampered, signature kept", 401, "server-signature-invalid" },
        { "A30 cnf.jkt missing", 401, "malformed" },
        { "A30 jkt over a non-canonical JWK", 403, "key-mismatch" },
        { "A31 header nonce missing", 401, "malformed" },
        { "A31 nonce in the payload", 401, "malformed" },
        { "A32 agent signature over 1.2.3.4.", 403, "agent-signature-invalid" },
        { "A32 agent signature over the decoded JSON", 403, "agent-signature-invalid" },
        { "A33 nonce re-serialized, old signature", 403, "agent-signature-invalid" },
        { "A34 agent signature by the server key", 403, "agent-signature-invalid" },
        { "A35 agent signature 257 bytes", 403, "agent-signature-invalid" },
        { "A35 agent signature value 1", 403, "agent-signature-invalid" },
        { "A35 agent signature above the modulus", 403, "agent-signature-invalid" },
        { "A37 nonce uid differs", 401, "nonce-mismatch" },
        { "A37 ctr not above the header's 0", 401, "malformed" },
        { "A45 10 KB uid in a hello", 401, "malformed" },
        { "A62 NTLM handshake", 401, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Attack_Refused_ExactAnswerAndNoStateChanged(string name, int status, string? code)
    {
        var c = await ProofCase.NewAsync(fixture.Host);
        var registry = (MemoryReplayRegistry)c.Host.Gateway.Services.GetRequiredService<IReplayRegistry>();
        int entries = registry.Count;
        using var client = c.Host.NewClient();

        using var response = await TestAgent.SendAsync(client, Paths.Echo, Attacks[name](c));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, Challenge.ErrorOf(response));
        Assert.Equal(entries, registry.Count);
        var agent = await c.Host.Gateway.Services.GetRequiredService<IAgentStore>().FindAsync(c.Agent.AgentId, default);
        Assert.True(agent!.IsActive);
        using var honest = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Proof());
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
    }

    [Fact]
    public void Catalogue_EveryItemIsHereOrNamedElsewhere()
    {
        var covered = Table.Select(row => int.Parse(((string)row[0]).Split(' ')[0][1..]))
            .Concat(NotHere.Keys)
            .Concat(Covered)
            .ToHashSet();
        var missing = Enumerable.Range(1, 67).Where(i => !covered.Contains(i)).ToArray();
        Assert.True(missing.Length == 0, "ATTACKS.md items with no test: " + string.Join(", ", missing));
    }

    /// <summary>Items tested in this folder outside the table: HTTP-layer and registry attacks.</summary>
    private static readonly int[] Covered = [6, 38, 39, 40, 41, 42, 43, 46, 55, 56, 58, 59];

    private static string MintRaw(ProofCase c, byte[] header, string payload)
    {
        string input = B64.Url(header) + "." + B64.Url(payload);
        return input + "." + B64.Url(c.ServerKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static string MintHmac(ProofCase c, string secret)
    {
        string input = B64.Url(c.Header(alg: "HS256")) + "." + B64.Url(c.Payload());
        return input + "." + B64.Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input)));
    }
}
