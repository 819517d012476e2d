using System.Net;
using Smp.Gateway.Agents;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Tokens;

/// <summary>
/// PROTOCOL.md §8 as one table through a real gateway, a data source per row of §8: the protocol's own cases and
/// the ATTACKS.md items (number first) that fall on that row. Each case expects the exact status and
/// <c>X-SMP-NSError</c> code and, where given, whether a 401 offers a fresh token; a refusal changes neither the
/// replay registry nor the agent store, never revokes the agent, and leaves the honest proof accepted.
/// Rows 5 (agent-revoked), 8 and 9 need state set up first: <see cref="ProofValidationTests"/>. The validator
/// alone, step by step: <see cref="ProofValidatorStepTests"/>.
/// </summary>
public sealed class ProofTableTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const bool Fresh = true;
    private const bool Bare = false;

    /// <summary>§8 row 1. syntax: five parts, b64u, JSON, typ, sizes.</summary>
    public static TheoryData<string, int, string?, bool?> Step1Syntax => new()
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
        { "A1 empty", 401, "malformed", null },
        { "A1 a.", 401, "malformed", null },
        { "A1 a.b", 401, "malformed", null },
        { "A1 a.b.c.", 401, "malformed", null },
        { "A1 three-part token", 401, "malformed", null },
        { "A2 h..s", 401, "malformed", null },
        { "A2 1.2.3.4..", 401, "malformed", null },
        { "A3 JSON serialization", 401, "malformed", null },
        { "A4 padding", 401, "malformed", null },
        { "A4 slash", 401, "malformed", null },
        { "A5 server signature respelled", 401, "malformed", null },
        { "A5 agent signature respelled", 401, "malformed", null },
        { "A7 10 KB proof", 401, "malformed", null },
        { "A8 header is an array", 401, "malformed", null },
        { "A8 header is a string", 401, "malformed", null },
        { "A8 header in UTF-16", 401, "malformed", null },
        { "A8 payload with BOM", 401, "malformed", null },
        { "A8 invalid UTF-8", 401, "malformed", null },
        { "A8 lone surrogate", 401, "malformed", null },
        { "A9 duplicate kid", 401, "malformed", null },
        { "A9 duplicate nonce", 401, "malformed", null },
        { "A9 duplicate jkt in cnf", 401, "malformed", null },
        { "A9 duplicate escaped name", 401, "malformed", null },
        { "A10 65 levels in the header", 401, "malformed", null },
        { "A11 exp 2.001e+206", 401, "malformed", null },
        { "A11 exp -1", 401, "malformed", null },
        { "A11 ctr 9007199254740993", 401, "malformed", null },
        { "A11 ctr 1e309", 401, "malformed", null },
        { "A16 null signature", 401, "malformed", null },
        { "A17 embedded jwk", 401, "malformed", null },
        { "A18 jku to the metadata address", 401, "malformed", null },
        { "A18 x5u", 401, "malformed", null },
        { "A18 x5c", 401, "malformed", null },
        { "A19 kid null", 401, "malformed", null },
        { "A19 kid 1", 401, "malformed", null },
        { "A19 kid 10 KB", 401, "malformed", null },
        { "A20 kid absent", 401, "malformed", null },
        { "A21 crit", 401, "malformed", null },
        { "A22 JWE members", 401, "malformed", null },
        { "A23 JWE-shaped proof", 401, "malformed", null },
        { "A25 exp missing", 401, "malformed", null },
        { "A26 nbf as a string", 401, "malformed", null },
        { "A28 typ JWT", 401, "malformed", null },
        { "A30 cnf.jkt missing", 401, "malformed", null },
        { "A31 header nonce missing", 401, "malformed", null },
        { "A31 nonce in the payload", 401, "malformed", null },
        { "A37 ctr not above the header's 0", 401, "malformed", null },
    };

    /// <summary>§8 row 2. kid is known and alg is that key's.</summary>
    public static TheoryData<string, int, string?, bool?> Step2KeyAndAlgorithm => new()
    {
        { "kid unknown", 401, "unknown-key", Fresh },
        { "alg none", 401, "unknown-key", Fresh },
        { "alg HS256", 401, "unknown-key", Fresh },
        { "alg RS512", 401, "unknown-key", Fresh },
        { "A12 alg None", 401, "unknown-key", null },
        { "A12 alg nOnE, no signature", 401, "unknown-key", null },
        { "A13 HS256 keyed with the server's public key", 401, "unknown-key", null },
        { "A14 RS384", 401, "unknown-key", null },
        { "A14 PS256", 401, "unknown-key", null },
        { "A15 ES256 with r = s = 0", 401, "unknown-key", null },
        { "A16 HMAC with a blank secret", 401, "unknown-key", null },
        { "A19 kid empty", 401, "unknown-key", null },
        { "A19 kid path", 401, "unknown-key", null },
        { "A19 kid SQL", 401, "unknown-key", null },
        { "A19 kid NUL", 401, "unknown-key", null },
    };

    /// <summary>§8 row 3. the server signature.</summary>
    public static TheoryData<string, int, string?, bool?> Step3ServerSignature => new()
    {
        { "signed by another key", 401, "server-signature-invalid", Fresh },
        { "A20 other key under the current kid", 401, "server-signature-invalid", null },
        { "A27 expired and badly signed", 401, "server-signature-invalid", null },
        { "A29 payload tampered, signature kept", 401, "server-signature-invalid", null },
    };

    /// <summary>§8 row 4. nbf and exp within the skew; aud; issued after the registry's epoch.</summary>
    public static TheoryData<string, int, string?, bool?> Step4TimeAudienceEpoch => new()
    {
        { "expired beyond skew", 401, "expired", Fresh },
        { "expired within skew", 200, null, null },
        { "not yet valid", 401, "not-yet-valid", Fresh },
        { "other audience", 401, "audience-mismatch", Fresh },
        { "other issuer", 401, "audience-mismatch", Fresh },
        { "issued before the registry started", 401, "stale-epoch", Fresh },
        { "A25 nbf after exp, both future", 401, "not-yet-valid", null },
    };

    /// <summary>§8 row 5. the agent is enrolled and its key is cnf.jkt (agent-revoked: ProofValidationTests).</summary>
    public static TheoryData<string, int, string?, bool?> Step5Agent => new()
    {
        { "agent not enrolled", 401, "agent-unknown", Bare },
        { "key thumbprint differs", 403, "key-mismatch", null },
        { "A30 jkt over a non-canonical JWK", 403, "key-mismatch", null },
    };

    /// <summary>§8 row 6. the agent signature.</summary>
    public static TheoryData<string, int, string?, bool?> Step6AgentSignature => new()
    {
        { "agent signature by another key", 403, "agent-signature-invalid", null },
        { "agent signature over three parts", 403, "agent-signature-invalid", null },
        { "agent signature 255 bytes", 403, "agent-signature-invalid", null },
        { "A32 agent signature over 1.2.3.4.", 403, "agent-signature-invalid", null },
        { "A32 agent signature over the decoded JSON", 403, "agent-signature-invalid", null },
        { "A33 nonce re-serialized, old signature", 403, "agent-signature-invalid", null },
        { "A34 agent signature by the server key", 403, "agent-signature-invalid", null },
        { "A35 agent signature 257 bytes", 403, "agent-signature-invalid", null },
        { "A35 agent signature value 1", 403, "agent-signature-invalid", null },
        { "A35 agent signature above the modulus", 403, "agent-signature-invalid", null },
    };

    /// <summary>§8 row 7. the nonce's uid is the header's.</summary>
    public static TheoryData<string, int, string?, bool?> Step7Nonce => new()
    {
        { "nonce uid differs", 401, "nonce-mismatch", Fresh },
        { "A37 nonce uid differs", 401, "nonce-mismatch", null },
    };

    /// <summary>Every check passed (steps 8 and 9, revoked token and replay: ProofValidationTests).</summary>
    public static TheoryData<string, int, string?, bool?> Accepted => new()
    {
        { "valid", 200, null, null },
    };

    /// <summary>A hello or another scheme: answered before the checks of §8 (§7).</summary>
    public static TheoryData<string, int, string?, bool?> BeforeTheProof => new()
    {
        { "A45 10 KB uid in a hello", 401, "malformed", null },
        { "A62 NTLM handshake", 401, "windows-not-allowed", null },
    };

    /// <summary>Every row of the table, for the catalogue's count (Hardening/AttackCatalogTests).</summary>
    public static IEnumerable<string> Names =>
        new[] { Step1Syntax, Step2KeyAndAlgorithm, Step3ServerSignature, Step4TimeAudienceEpoch, Step5Agent, Step6AgentSignature, Step7Nonce, Accepted, BeforeTheProof }
            .SelectMany(source => source.Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(Step1Syntax))]
    [MemberData(nameof(Step2KeyAndAlgorithm))]
    [MemberData(nameof(Step3ServerSignature))]
    [MemberData(nameof(Step4TimeAudienceEpoch))]
    [MemberData(nameof(Step5Agent))]
    [MemberData(nameof(Step6AgentSignature))]
    [MemberData(nameof(Step7Nonce))]
    [MemberData(nameof(Accepted))]
    [MemberData(nameof(BeforeTheProof))]
    public async Task Proof_Row_ExactAnswerAndNoStateChanged(string name, int status, string? code, bool? freshToken)
    {
        var c = await ProofCase.NewAsync(fixture.Host);
        var registry = (MemoryReplayRegistry)c.Host.Gateway.Services.GetRequiredService<IReplayRegistry>();
        int entries = registry.Count;
        using var client = c.Host.NewClient();

        using var response = await TestAgent.SendAsync(client, Paths.Echo, ProofTableCases.All[name](c));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, Challenge.ErrorOf(response));
        if (status == 401 && freshToken == true)
        {
            string? token = Challenge.TokenOf(response);
            Assert.NotNull(token);
            Assert.Contains(c.Agent.AgentId, B64.Decode(token!.Split('.')[1]));
        }
        else if (status == 401 && freshToken == false)
        {
            Assert.Null(Challenge.TokenOf(response));
            Assert.Contains("SMPToken realm=\"SMP\"", Challenge.All(response));
        }

        if (status != 200)
        {
            Assert.Equal(entries, registry.Count);
            var agent = await c.Host.Gateway.Services.GetRequiredService<IAgentStore>().FindAsync(c.Agent.AgentId, default);
            Assert.True(agent!.IsActive);
            using var honest = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + c.Proof());
            Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
        }
    }

    [Fact]
    public void Table_EveryCaseHasARowAndEveryRowOne()
    {
        var names = Names.ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(ProofTableCases.All.Keys.Order(), names.Order());
    }
}
