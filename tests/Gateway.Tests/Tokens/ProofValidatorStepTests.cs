using Smp.Gateway.Fuzz;

namespace Smp.Gateway.Tests.Tokens;

/// <summary>
/// <see cref="Smp.Gateway.Tokens.ProofValidator"/> step by step in the order of PROTOCOL.md §8, on the fuzz
/// harness's world (no host, a clock that stands still): each test breaks its own step alone and expects that
/// step's exact status and <c>X-SMP-NSError</c> code. The HTTP answers to the same rows are in <see cref="ProofTableTests"/>.
/// </summary>
public sealed class ProofValidatorStepTests(ProofWorldFixture fixture) : IClassFixture<ProofWorldFixture>
{
    private const string OtherAgent = "0d7e6f5a-4b3c-4d2e-9f1a-0b1c2d3e4f5a";

    private FuzzWorld World => fixture.World;

    private ProofForge Forge => fixture.Forge;

    [Fact]
    public async Task Valid_Accepted()
    {
        await AssertAnswerAsync(Forge.Proof(1), 200, null);
    }

    [Fact]
    public async Task Step1_Syntax_401Malformed()
    {
        await AssertAnswerAsync(Forge.Proof(1) + ".x", 401, "malformed");
    }

    [Fact]
    public async Task Step2_UnknownKid_401UnknownKey()
    {
        await AssertAnswerAsync(Signed(Forge.Header(kid: "no-such-key"), Forge.Payload()), 401, "unknown-key");
    }

    [Fact]
    public async Task Step2_AlgNotTheKeys_401UnknownKey()
    {
        await AssertAnswerAsync(Signed(Forge.Header(alg: "RS512"), Forge.Payload()), 401, "unknown-key");
    }

    [Fact]
    public async Task Step3_ServerSignature_401ServerSignatureInvalid()
    {
        await AssertAnswerAsync(Part(Forge.Proof(1), 2, Forge.Proof(2).Split('.')[4]), 401, "server-signature-invalid");
    }

    [Theory]
    [InlineData("expired", 401)]
    [InlineData("not-yet-valid", 401)]
    [InlineData("audience-mismatch", 401)]
    [InlineData("stale-epoch", 401)]
    public async Task Step4_TimeAudienceEpoch_401Code(string code, int status)
    {
        string payload = code switch
        {
            "expired" => Forge.Payload(iat: FuzzWorld.Now - 40_000),
            "not-yet-valid" => Forge.Payload(iat: FuzzWorld.Now + 600),
            "audience-mismatch" => Forge.Payload(aud: "https://elsewhere.invalid"),
            _ => Forge.Payload(iat: FuzzWorld.Now - 30),
        };
        await AssertAnswerAsync(Signed(Forge.Header(), payload), status, code);
    }

    [Fact]
    public async Task Step4_ClockMovesPastExpiryAndSkew_401Expired()
    {
        // Time is the subject: the world's own clock moves, no test waits. A world of its own, as the class's stands still.
        var world = new FuzzWorld(FuzzWorld.DefaultKeyFolder);
        var forge = new ProofForge(world);
        var validator = world.NewValidator();
        long exp = FuzzWorld.Now + 1 + 28_800;
        long skew = (long)world.Options.CurrentValue.Tokens.ClockSkew.TotalSeconds;

        var fresh = await validator.ValidateAsync(forge.Proof(1), default);
        world.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(exp + skew - 1));
        var lastSecond = await validator.ValidateAsync(forge.Proof(2), default);
        world.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await validator.ValidateAsync(forge.Proof(3), default);

        Assert.Equal((200, (string?)null), (fresh.Status, fresh.Error));
        Assert.Equal((200, (string?)null), (lastSecond.Status, lastSecond.Error));
        Assert.Equal((401, (string?)"expired"), (expired.Status, expired.Error));
    }

    [Theory]
    [InlineData("agent-unknown", 401)]
    [InlineData("agent-revoked", 403)]
    [InlineData("key-mismatch", 403)]
    public async Task Step5_Agent_StatusAndCode(string code, int status)
    {
        string payload = code switch
        {
            "agent-unknown" => Forge.Payload(sub: OtherAgent),
            "agent-revoked" => Forge.Payload(sub: FuzzWorld.RevokedAgent),
            _ => Forge.Payload(jkt: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        };
        await AssertAnswerAsync(Signed(Forge.Header(), payload), status, code);
    }

    [Fact]
    public async Task Step6_AgentSignature_403AgentSignatureInvalid()
    {
        await AssertAnswerAsync(Part(Forge.Proof(1), 4, Forge.Proof(2).Split('.')[4]), 403, "agent-signature-invalid");
    }

    [Fact]
    public async Task Step7_NonceUidNotTheHeaders_401NonceMismatch()
    {
        string token = Forge.Token(Forge.Header(), Forge.Payload());
        await AssertAnswerAsync(Forge.Proof(token, ProofForge.Nonce(1, uid: "b3RoZXItdWlkLW9mLWFnZW50")), 401, "nonce-mismatch");
    }

    [Fact]
    public async Task Step8_RevokedToken_403TokenRevoked()
    {
        await AssertAnswerAsync(Signed(Forge.Header(), Forge.Payload(jti: FuzzWorld.RevokedJti)), 403, "token-revoked");
    }

    [Fact]
    public async Task Step9_SameCounterTwice_403Replay()
    {
        var validator = World.NewValidator();
        string proof = Forge.Proof(1);

        var first = await validator.ValidateAsync(proof, default);
        var second = await validator.ValidateAsync(proof, default);

        Assert.Equal((200, (string?)null), (first.Status, first.Error));
        Assert.Equal((403, (string?)"replay"), (second.Status, second.Error));
    }

    [Fact]
    public async Task Order_ExpiredAndBadlySigned_Step3Decides()
    {
        string proof = Part(Signed(Forge.Header(), Forge.Payload(iat: FuzzWorld.Now - 40_000)), 2, Forge.Proof(2).Split('.')[4]);
        await AssertAnswerAsync(proof, 401, "server-signature-invalid");
    }

    [Fact]
    public async Task Order_RefusedAtStep7_CounterNotUsed()
    {
        // The registry is last: a proof refused before it leaves its counter for the honest proof.
        var validator = World.NewValidator();
        string token = Forge.Token(Forge.Header(), Forge.Payload());

        var refused = await validator.ValidateAsync(Forge.Proof(token, ProofForge.Nonce(1, uid: "b3RoZXItdWlkLW9mLWFnZW50")), default);
        var accepted = await validator.ValidateAsync(Forge.Proof(token, ProofForge.Nonce(1)), default);

        Assert.Equal("nonce-mismatch", refused.Error);
        Assert.Equal((200, (string?)null), (accepted.Status, accepted.Error));
    }

    /// <summary>A fresh validator each time, so that no case depends on the replay registry another left behind.</summary>
    private async Task AssertAnswerAsync(string proof, int status, string? code)
    {
        var result = await World.NewValidator().ValidateAsync(proof, default);
        Assert.Equal(status, result.Status);
        Assert.Equal(code, result.Error);
    }

    private string Signed(string header, string payload) => Forge.Proof(Forge.Token(header, payload), ProofForge.Nonce(1));

    private static string Part(string proof, int index, string value)
    {
        string[] parts = proof.Split('.');
        parts[index] = value;
        return string.Join('.', parts);
    }
}

/// <summary>One fuzz world per test class: loading its keys is the only cost, and nothing in it changes.</summary>
public sealed class ProofWorldFixture
{
    internal FuzzWorld World { get; } = new(FuzzWorld.DefaultKeyFolder);

    internal ProofForge Forge => new(World);
}
