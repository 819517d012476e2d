using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Step 1 of §8: splits a proof into its five parts and checks their syntax. Parts 1-3 are read as a
/// JWS and parts 4-5 as the agent's nonce and signature; nothing here is handed to a JWE path.
/// </summary>
internal static class ProofParser
{
    public const int MaxProofLength = 8 * 1024;
    public const string TokenType = "smp+jwt";
    private const int MaxJsonPart = 2048;
    private const int MaxNoncePart = 256;
    private const int MaxSignature = 1024;

    /// <summary>
    /// Parses <paramref name="text"/>. On failure, <paramref name="partial"/> still holds the
    /// agent id and header <c>uid</c> when those could be read, so the caller can offer a fresh token.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ParsedProof? proof, out TokenClaims partial) => TryParse(text, null, out proof, out partial);

    /// <summary>
    /// As <see cref="TryParse(string, out ParsedProof?, out TokenClaims)"/>; a token found in
    /// <paramref name="verified"/> is not parsed again: its claims are taken from there.
    /// </summary>
    public static bool TryParse(string text, VerifiedSignatureCache? verified, [NotNullWhen(true)] out ParsedProof? proof, out TokenClaims partial)
    {
        proof = null;
        Span<Range> parts = stackalloc Range[5];
        if (text.Length > MaxProofLength || !TrySplit(text, parts))
        {
            partial = new TokenClaims();
            return false;
        }

        ReadOnlySpan<char> s = text;
        UInt128 digest = VerifiedSignatureCache.KeyOf(s[..parts[2].End.Value]);
        if (verified is not null && verified.TryGet(digest, out var known))
        {
            partial = known;
            return TryParseAgentParts(text, parts, known, digest, serverSignatureVerified: true, [], out proof);
        }

        var reading = default(TokenClaims.Reading);
        // The payload first: its `sub` and the header's `uid` are what a fresh challenge needs,
        // and either may be readable when the other part is not.
        bool payloadOk = TryDecodeJson(s[parts[1]], MaxJsonPart, ref reading, static (ref Utf8JsonReader r, ref TokenClaims.Reading c) => TokenJson.TryReadPayload(ref r, ref c));
        bool headerOk = TryDecodeJson(s[parts[0]], MaxJsonPart, ref reading, static (ref Utf8JsonReader r, ref TokenClaims.Reading c) => TokenJson.TryReadHeader(ref r, ref c));
        partial = reading.Build();
        if (!payloadOk || !headerOk)
        {
            return false;
        }

        var serverSignature = DecodeSignature(s[parts[2]]);
        return serverSignature is not null && TryParseAgentParts(text, parts, partial, digest, serverSignatureVerified: false, serverSignature, out proof);
    }

    /// <summary>Parts 4 and 5, the agent's: the nonce and its signature.</summary>
    private static bool TryParseAgentParts(
        string text, ReadOnlySpan<Range> parts, TokenClaims claims, UInt128 digest, bool serverSignatureVerified, byte[] serverSignature, out ParsedProof? proof)
    {
        proof = null;
        ReadOnlySpan<char> s = text;
        var nonce = new NonceValue();
        var agentSignature = DecodeSignature(s[parts[4]]);
        if (agentSignature is null || !TryReadNonce(s[parts[3]], ref nonce))
        {
            return false;
        }

        proof = new ParsedProof
        {
            Text = text,
            ServerSignedLength = parts[1].End.Value,
            TokenLength = parts[2].End.Value,
            AgentSignedLength = parts[3].End.Value,
            Claims = claims,
            Digest = digest,
            ServerSignatureVerified = serverSignatureVerified,
            ServerSignature = serverSignature,
            AgentSignature = agentSignature,
            NonceUid = nonce.Uid,
            Counter = nonce.Counter,
        };
        return true;
    }

    public static bool IsUid(ReadOnlySpan<char> uid)
    {
        if (uid.Length is < 16 or > 64)
        {
            return false;
        }

        foreach (char c in uid)
        {
            if (!Base64Url.IsAlphabet(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TrySplit(string text, Span<Range> parts)
    {
        int start = 0, count = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.')
            {
                if (!Base64Url.IsAlphabet(text[i]))
                {
                    return false;
                }

                continue;
            }

            if (count == 5 || i == start)
            {
                return false;
            }

            parts[count++] = new Range(start, i);
            start = i + 1;
        }

        return count == 5;
    }

    private static byte[]? DecodeSignature(ReadOnlySpan<char> part)
    {
        return Base64Url.DecodedLength(part.Length) > MaxSignature ? null : Base64Url.Decode(part);
    }

    private delegate bool JsonReader<T>(ref Utf8JsonReader reader, ref T into);

    private static bool TryReadNonce(ReadOnlySpan<char> part, ref NonceValue nonce) =>
        TryDecodeJson(part, MaxNoncePart, ref nonce, static (ref Utf8JsonReader r, ref NonceValue n) => TokenJson.TryReadNonceMembers(ref r, ref n, minimumCounter: 1));

    /// <summary>One b64u part holding one JSON object, decoded on the stack and read by <paramref name="read"/> to its end.</summary>
    private static bool TryDecodeJson<T>(ReadOnlySpan<char> part, int max, ref T into, JsonReader<T> read)
    {
        int decoded = Base64Url.DecodedLength(part.Length);
        if (decoded > max)
        {
            return false;
        }

        // Sized to the part, not to the maximum: stack memory is zeroed, and that is paid per byte.
        Span<byte> json = stackalloc byte[decoded];
        if (!Base64Url.TryDecode(part, json, out int length))
        {
            return false;
        }

        json = json[..length];
        var reader = new Utf8JsonReader(json, StrictJson.ReaderOptions);
        try
        {
            return StrictJson.TryStartObject(ref reader, json) && read(ref reader, ref into) && !reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
