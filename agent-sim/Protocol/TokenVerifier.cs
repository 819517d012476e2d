using System.Text.Json;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// The checks an agent makes before it uses a token (PROTOCOL.md §6): the server signature by a
/// trusted key, and the <c>uid</c> it sent; also that the token names this agent and its key.
/// </summary>
internal sealed class TokenVerifier(AgentIdentity identity, ServerKeySet serverKeys)
{
    private const int MaxTokenLength = 8 * 1024;
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    public TokenRejection Verify(string token, string expectedUid, out IssuedToken? verified)
    {
        verified = null;
        string[] parts = token.Split('.');
        if (token.Length > MaxTokenLength || parts.Length != 3
            || !B64u.TryDecode(parts[0], out byte[] header)
            || !B64u.TryDecode(parts[1], out byte[] payload)
            || !B64u.TryDecode(parts[2], out byte[] signature))
        {
            return TokenRejection.Malformed;
        }

        try
        {
            using JsonDocument headerJson = JsonDocument.Parse(header, StrictJson);
            using JsonDocument payloadJson = JsonDocument.Parse(payload, StrictJson);
            JsonElement h = headerJson.RootElement;
            JsonElement p = payloadJson.RootElement;
            if (Text(h, "typ") != "smp+jwt" || !h.TryGetProperty("nonce", out JsonElement nonce)
                || Text(nonce, "uid") is not { } uid || Text(p, "jti") is not { Length: > 0 } jti
                || !p.TryGetProperty("exp", out JsonElement exp) || !exp.TryGetInt64(out long expSeconds))
            {
                return TokenRejection.Malformed;
            }

            // alg comes first: no other value than RS256 is ever accepted, whatever the key says.
            if (Text(h, "alg") != ServerKeySet.Algorithm || Text(h, "kid") is not { } kid || !serverKeys.Contains(kid))
            {
                return TokenRejection.UnknownKey;
            }

            if (!serverKeys.Verify(kid, parts[0] + "." + parts[1], signature))
            {
                return TokenRejection.ServerSignatureInvalid;
            }

            if (!string.Equals(uid, expectedUid, StringComparison.Ordinal))
            {
                return TokenRejection.UidMismatch;
            }

            string? jkt = p.TryGetProperty("cnf", out JsonElement cnf) ? Text(cnf, "jkt") : null;
            if (Text(p, "sub") != identity.AgentId || jkt != identity.Thumbprint)
            {
                return TokenRejection.NotForThisAgent;
            }

            verified = new IssuedToken(token, kid, uid, identity.AgentId, jkt, jti, DateTimeOffset.FromUnixTimeSeconds(expSeconds));
            return TokenRejection.None;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return TokenRejection.Malformed;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out JsonElement value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
