using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Tokens;

/// <summary>
/// PROTOCOL.md §8, row by row, through a real gateway: each case breaks one check and expects the
/// exact status and <c>X-SMP-NSError</c> code, and whether a 401 offers a fresh token.
/// </summary>
public sealed class ProofValidationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const bool Fresh = true;
    private const bool Bare = false;

    private static readonly Dictionary<string, Func<ProofCase, string>> Cases = new()
    {
        // 1. syntax
        ["one part"] = c => "abc",
        ["four parts"] = c => "a.b.c.d",
        ["six parts"] = c => c.Proof() + ".x",
        ["token only, three parts"] = c => c.Token(),
        ["empty part"] = c => c.Token() + "..sig",
        ["trailing dot"] = c => c.Proof() + ".",
        ["plus sign"] = c => c.Proof().Replace('-', '+').Replace('_', '+') + "+",
        ["space inside"] = c => c.Proof().Insert(10, " "),
        ["agent signature respelled"] = c => ProofCase.Respell(c.Proof()),
        ["server signature respelled"] = c => { var t = ProofCase.Respell(c.Token()); return c.Agent.Proof(t, c.Uid, 1); },
        ["header over 8 KiB"] = c => c.Proof() + new string('A', 9000),
        ["typ is JWT"] = c => c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, typ: "JWT"))),
        ["duplicate alg"] = c => c.Proof(c.Token(header: $"{{\"alg\":\"RS256\",\"alg\":\"none\",\"typ\":\"smp+jwt\",\"kid\":\"{c.Kid}\",\"nonce\":{{\"uid\":\"{c.Uid}\",\"ctr\":0}}}}")),
        ["header with jku"] = c => c.Proof(c.Token(header: $"{{\"alg\":\"RS256\",\"typ\":\"smp+jwt\",\"kid\":\"{c.Kid}\",\"jku\":\"http://127.0.0.1/\",\"nonce\":{{\"uid\":\"{c.Uid}\",\"ctr\":0}}}}")),
        ["exp as string"] = c => c.Proof(c.Token(payload: c.Payload().Replace("\"exp\":", "\"exp\":\"1\",\"x\":"))),
        ["exp above 2^53"] = c => c.Proof(c.Token(payload: c.Payload(exp: _ => "9007199254740993"))),
        ["exp 1e309"] = c => c.Proof(c.Token(payload: c.Payload(exp: _ => "1e309"))),
        ["ctr 0"] = c => c.Proof(counter: 0),
        ["ctr 1.5"] = c => c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1.5}}"),
        ["ctr as string"] = c => c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":\"5\"}}"),
        ["ctr -1"] = c => c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":-1}}"),
        ["ctr twice"] = c => c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1,\"ctr\":2}}"),
        ["nonce with extra member"] = c => c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{c.Uid}\",\"ctr\":1,\"x\":1}}"),
        ["nonce nested 65 deep"] = c => c.Agent.ProofWithNonce(c.Token(), new string('[', 65) + new string(']', 65)),
        ["nonce with BOM"] = c => c.Agent.ProofWithNonce(c.Token(), "\uFEFF" + $"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}"),
        // 2. key and algorithm
        ["kid unknown"] = c => c.Proof(c.Token(header: TokenForge.Header("no-such-kid", c.Uid))),
        ["alg none"] = c => c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, alg: "none"))),
        ["alg HS256"] = c => c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, alg: "HS256"))),
        ["alg RS512"] = c => c.Proof(c.Token(header: TokenForge.Header(c.Kid, c.Uid, alg: "RS512"))),
        // 3. server signature
        ["signed by another key"] = c => c.Proof(c.Token(key: TestAgent.ForeignKey(0))),
        // 4. time, audience, epoch
        ["expired beyond skew"] = c => c.Proof(c.Token(payload: c.Payload(exp: now => (now - 120).ToString()))),
        ["expired within skew"] = c => c.Proof(c.Token(payload: c.Payload(nbf: TokenForge.Now - 20, exp: now => (now - 10).ToString()))),
        ["not yet valid"] = c => c.Proof(c.Token(payload: c.Payload(nbf: TokenForge.Now + 600))),
        ["other audience"] = c => c.Proof(c.Token(payload: c.Payload(aud: "https://other.example.com"))),
        ["other issuer"] = c => c.Proof(c.Token(payload: c.Payload(iss: "someone-else"))),
        ["issued before the registry started"] = c => c.Proof(c.Token(payload: c.Payload(iat: TokenForge.Now - 3600, nbf: TokenForge.Now - 3600))),
        // 5. agent
        ["agent not enrolled"] = c => c.Proof(c.Token(payload: c.Payload(sub: Guid.NewGuid().ToString()))),
        ["key thumbprint differs"] = c => c.Proof(c.Token(payload: c.Payload(jkt: TestAgent.Thumbprint(c.Agent.N[..^4] + "AAAA", c.Agent.E)))),
        // 6. agent signature
        ["agent signature by another key"] = c => { var t = c.Token(); string s = t + "." + B64.Url($"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}"); return s + "." + B64.Url(new TestAgent(TestAgent.ForeignKey(1)).Sign(s)); },
        ["agent signature over three parts"] = c => { var t = c.Token(); return t + "." + B64.Url($"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}") + "." + B64.Url(c.Agent.Sign(t)); },
        ["agent signature 255 bytes"] = c => { var t = c.Token(); return t + "." + B64.Url($"{{\"uid\":\"{c.Uid}\",\"ctr\":1}}") + "." + B64.Url(new byte[255]); },
        // 7. nonce
        ["nonce uid differs"] = c => c.Agent.ProofWithNonce(c.Token(), $"{{\"uid\":\"{TestAgent.NewUid()}\",\"ctr\":1}}"),
        // the good one
        ["valid"] = c => c.Proof(),
    };

    public static TheoryData<string, int, string?, bool?> Table => new()
    {
        { "one part", 401, "malformed", Bare },
        { "four parts", 401, "malformed", Bare },
        { "six parts", 401, "malformed", null },
        { "token only, three parts", 401, "malformed", null },
        { "empty part", 401, "malformed", null },
        { "trailing dot", 401, "malformed", null },
        { "plus sign", 401, "malformed", null },
        { "space inside", 401, "malformed", null },
        { "agent signature respelled", 401, "malformed", Fresh },
        { "server signature respelled", 401, "malformed", Fresh },
        { "header over 8 KiB", 401, "malformed", null },
        { "typ is JWT", 401, "malformed", Bare },
        { "duplicate alg", 401, "malformed", Bare },
        { "header with jku", 401, "malformed", Bare },
        { "exp as string", 401, "malformed", Bare },
        { "exp above 2^53", 401, "malformed", Bare },
        { "exp 1e309", 401, "malformed", Bare },
        { "ctr 0", 401, "malformed", Fresh },
        { "ctr 1.5", 401, "malformed", Fresh },
        { "ctr as string", 401, "malformed", Fresh },
        { "ctr -1", 401, "malformed", Fresh },
        { "ctr twice", 401, "malformed", Fresh },
        { "nonce with extra member", 401, "malformed", Fresh },
        { "nonce nested 65 deep", 401, "malformed", Fresh },
        { "nonce with BOM", 401, "malformed", Fresh },
        { "kid unknown", 401, "unknown-key", Fresh },
        { "alg none", 401, "unknown-key", Fresh },
        { "alg HS256", 401, "unknown-key", Fresh },
        { "alg RS512", 401, "unknown-key", Fresh },
        { "signed by another key", 401, "server-signature-invalid", Fresh },
        { "expired beyond skew", 401, "expired", Fresh },
        { "expired within skew", 200, null, null },
        { "not yet valid", 401, "not-yet-valid", Fresh },
        { "other audience", 401, "audience-mismatch", Fresh },
        { "other issuer", 401, "audience-mismatch", Fresh },
        { "issued before the registry started", 401, "stale-epoch", Fresh },
        { "agent not enrolled", 401, "agent-unknown", Bare },
        { "key thumbprint differs", 403, "key-mismatch", null },
        { "agent signature by another key", 403, "agent-signature-invalid", null },
        { "agent signature over three parts", 403, "agent-signature-invalid", null },
        { "agent signature 255 bytes", 403, "agent-signature-invalid", null },
        { "nonce uid differs", 401, "nonce-mismatch", Fresh },
        { "valid", 200, null, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Validate_Case_AnswersStatusAndCode(string name, int status, string? code, bool? freshToken)
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + Cases[name](c));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, Challenge.ErrorOf(response));
        if (status == 401)
        {
            string? token = Challenge.TokenOf(response);
            if (freshToken == true)
            {
                Assert.NotNull(token);
                Assert.Contains(c.Agent.AgentId, B64.Decode(token!.Split('.')[1]));
            }
            else if (freshToken == false)
            {
                Assert.Null(token);
                Assert.Contains("SMPToken realm=\"SMP\"", Challenge.All(response));
            }
        }
    }

    [Fact]
    public async Task Validate_RevokedAgent_Forbidden()
    {
        var c = await NewCaseAsync();
        string proof = c.Proof();
        Assert.True(await c.Host.Admin.RevokeAgentAsync(c.Agent.AgentId));
        using var client = c.Host.NewClient();
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("agent-revoked", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Validate_RevokedToken_Forbidden()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        string jti = JsonDocument.Parse(B64.Decode(token.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;
        await c.Host.Admin.RevokeTokenAsync(jti);
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("token-revoked", Challenge.ErrorOf(response));
    }

    [Fact]
    public async Task Validate_SameProofTwice_SecondIsReplay()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string proof = c.Agent.Proof(await c.Agent.GetTokenAsync(client, c.Uid), c.Uid, 1);
        using var first = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        using var second = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + proof);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal("replay", Challenge.ErrorOf(second));
    }

    [Fact]
    public async Task Validate_BadSignatureWithHighCounter_DoesNotMoveTheWindow()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        string forged = new TestAgent(TestAgent.ForeignKey(0), c.Agent.AgentId).Proof(token, c.Uid, 1000);
        using var refused = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + forged);
        using var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Validate_BadAgentSignature_DoesNotRevokeTheAgent()
    {
        var c = await NewCaseAsync();
        using var client = c.Host.NewClient();
        string token = await c.Agent.GetTokenAsync(client, c.Uid);
        using var refused = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + Cases["agent signature by another key"](c));
        using var accepted = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Agent.Proof(token, c.Uid, 1));
        Assert.Equal("agent-signature-invalid", Challenge.ErrorOf(refused));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Request_TwoAuthorizationHeaders_BadRequestMalformed()
    {
        var c = await NewCaseAsync();
        // HttpClient folds repeated headers into one line, so this request is written by hand.
        var response = await RawHttp.SendAsync(c.Host.Url,
            $"GET {Paths.Echo} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SMPToken {c.Proof()}\r\nAuthorization: SMPToken {c.Proof(counter: 2)}\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("X-SMP-NSError: malformed", response);
    }

    private Task<ProofCase> NewCaseAsync() => ProofCase.NewAsync(fixture.Host);
}
