namespace Smp.Gateway.Tokens;

/// <summary>A five-part proof (§6) split and decoded. Only parts 1-3 are the server's token.</summary>
internal sealed class ParsedProof
{
    public required string Text { get; init; }

    /// <summary>Length of <c>header.payload</c>: the bytes the server signed.</summary>
    public required int ServerSignedLength { get; init; }

    /// <summary>Length of the three-part token.</summary>
    public required int TokenLength { get; init; }

    /// <summary>Length of the first four parts: the bytes the agent signed.</summary>
    public required int AgentSignedLength { get; init; }

    public required TokenClaims Claims { get; init; }

    /// <summary>The digest of the token's text (<see cref="VerifiedSignatureCache.KeyOf"/>).</summary>
    public required UInt128 Digest { get; init; }

    /// <summary>True when the token was found among those already verified; then <see cref="ServerSignature"/> is empty.</summary>
    public required bool ServerSignatureVerified { get; init; }

    public required byte[] ServerSignature { get; init; }
    public required byte[] AgentSignature { get; init; }
    public required string NonceUid { get; init; }
    public required long Counter { get; init; }
}
