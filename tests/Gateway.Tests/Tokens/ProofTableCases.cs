using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Tokens;

/// <summary>
/// The <c>Authorization</c> value of each row of <see cref="ProofTableTests"/>, by the row's name: first the
/// protocol's own cases of §8, then the items of ../shared/spec/ATTACKS.md (the number leads each name).
/// </summary>
internal static class ProofTableCases
{
    public static readonly IReadOnlyDictionary<string, Func<ProofCase, string>> All = new Dictionary<string, Func<ProofCase, string>>
    {
        // 1. syntax
        ["one part"] = c => "SMPToken abc",
        ["four parts"] = c => "SMPToken a.b.c.d",
        ["six parts"] = c => "SMPToken " + c.Proof() + ".x",
        ["token only, three parts"] = c => "SMPToken " + c.Token(),
        ["empty part"] = c => "SMPToken " + c.Token() + "..sig",
        ["trailing dot"] = c => "SMPToken " + c.Proof() + ".",
        ["plus sign"] = c => "SMPToken " + c.Proof().Replace('-', '+').Replace('_', '+') + "+",
        ["space inside"] = c => "SMPToken " + c.Proof().Insert(10, " "),
        ["agent signature respelled"] = c => "SMPToken " + ProofCase.Respell(c.Proof()),
        ["server signature respelled"] = c => { var t = ProofCase.Respell(c.Token()); return "SMPToken " + c.Agent.Proof(t, c.Uid, 1); },
        ["header over 8 KiB"] = c => "SMPToken " + c.Proof() + new string('A', 9000),
        ["typ is JWT"] = c => "SMPToken " + c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, typ: "JWT"))),
        ["duplicate alg"] = c => "SMPToken " + c.Proof(c.Token(header: $"{{\"alg\":\"RS256\",\"alg\":\"none\",\"typ\":\"smp+jwt\",\"kid\":\"{c.Kid}\",\"nonce\":{{\"uid\":\"{c.Uid}\",\"ctr\":0}}}}")),
        ["header with jku"] = c => "SMPToken " + c.Proof(c.Token(header: $"{{\"alg\":\"RS256\",\"typ\":\"smp+jwt\",\"kid\":\"{c.Kid}\",\"jku\":\"http://127.0.0.1/\",\"nonce\":{{\"uid\":\"{c.Uid}\",\"ctr\":0}}}}")),
        ["exp as string"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload().Replace("\"exp\":", "\"exp\":\"1\",\"x\":"))),
        ["exp above 2^53"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(exp: _ => "9007199254740993"))),
        ["exp 1e309"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(exp: _ => "1e309"))),
        ["ctr 0"] = c => "SMPToken " + c.Proof(counter: 0),
        ["ctr 1.5"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1.5}}"),
        ["ctr as string"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":\"5\"}}"),
        ["ctr -1"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":-1}}"),
        ["ctr twice"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1,\"ctr\":2}}"),
        ["nonce with extra member"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1,\"x\":1}}"),
        ["nonce nested 65 deep"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), new string('[', 65) + new string(']', 65)),
        ["nonce with BOM"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), "\uFEFF" + $"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}"),
        // 2. key and algorithm
        ["kid unknown"] = c => "SMPToken " + c.Proof(c.Token(header: TokenForge.Header("no-such-kid", c.Uid))),
        ["alg none"] = c => "SMPToken " + c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, alg: "none"))),
        ["alg HS256"] = c => "SMPToken " + c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, alg: "HS256"))),
        ["alg RS512"] = c => "SMPToken " + c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, alg: "RS512"))),
        // 3. server signature
        ["signed by another key"] = c => "SMPToken " + c.Proof(c.Token(key: TestAgent.ForeignKey(0))),
        // 4. time, audience, epoch
        ["expired beyond skew"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(exp: now => (now - 120).ToString()))),
        ["expired within skew"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(nbf: TokenForge.Now - 20, exp: now => (now - 10).ToString()))),
        ["not yet valid"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(nbf: TokenForge.Now + 600))),
        ["other audience"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(aud: "https://other.example.com"))),
        ["other issuer"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(iss: "someone-else"))),
        ["issued before the registry started"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(iat: TokenForge.Now - 3600, nbf: TokenForge.Now - 3600))),
        // 5. agent
        ["agent not enrolled"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(sub: Guid.NewGuid().ToString()))),
        ["key thumbprint differs"] = c => "SMPToken " + c.Proof(c.Token(payload: c.Payload(jkt: TestAgent.Thumbprint(c.Agent.N[..^4] + "AAAA", c.Agent.E)))),
        // 6. agent signature
        ["agent signature by another key"] = c => { var t = c.Token(); string s = t + "." + B64.Url($"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}"); return "SMPToken " + s + "." + B64.Url(new TestAgent(TestAgent.ForeignKey(1)).Sign(s)); },
        ["agent signature over three parts"] = c => { var t = c.Token(); return "SMPToken " + t + "." + B64.Url($"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}") + "." + B64.Url(c.Agent.Sign(t)); },
        ["agent signature 255 bytes"] = c => { var t = c.Token(); return "SMPToken " + t + "." + B64.Url($"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}") + "." + B64.Url(new byte[255]); },
        // 7. nonce
        ["nonce uid differs"] = c => "SMPToken " + c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{TestAgent.NewUid()}\",\"ctr\":1}}"),
        // the good one
        ["valid"] = c => "SMPToken " + c.Proof(),
        // ATTACKS.md, item by item
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
