using System.Text.Json;
using Smp.Gateway.Agents;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Enrollment;

/// <summary>
/// The body of <c>POST /smp/agents</c> (§4), read strictly: <c>{"agentId": "&lt;guid&gt;", "publicKey": &lt;RSA JWK&gt;}</c>.
/// Every refusal names the field, so an administrator knows what to fix.
/// </summary>
internal sealed class EnrollmentRequest
{
    public const int MinimumModulusBits = 2048;
    private const int MaximumModulusBits = 16384;
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth"];

    public required string AgentId { get; init; }
    public required RsaJwk Key { get; init; }

    public static EnrollmentRequest? TryParse(ReadOnlySpan<byte> body, out string? error)
    {
        // JsonDocument reports bytes that are not UTF-8 as a JSON syntax error; say what it is.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            error = "body: not valid UTF-8; send the JSON encoded in UTF-8.";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            return TryRead(document.RootElement, out error);
        }
        catch (JsonException)
        {
            error = "body: not a JSON object.";
            return null;
        }
        catch (InvalidOperationException)
        {
            // Found by fuzzing: JsonElement.GetString and JsonProperty.Name throw this, not a
            // JsonException, on an escaped lone surrogate such as "\ud800"; it made a 500.
            error = "body: a string or member name holds an unpaired surrogate escape.";
            return null;
        }
    }

    private static EnrollmentRequest? TryRead(JsonElement root, out string? error)
    {
        string? agentId = null;
        JsonElement? key = null;
        error = root.ValueKind != JsonValueKind.Object ? "body: not a JSON object." : null;
        if (error is null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                error = !seen.Add(member.Name) ? $"{member.Name}: appears twice."
                    : member.Name == "agentId" ? (member.Value.ValueKind == JsonValueKind.String && Agents.AgentId.IsValid(agentId = member.Value.GetString()) ? null : "agentId: must be a lowercase GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.")
                    : member.Name == "publicKey" ? (member.Value.ValueKind == JsonValueKind.Object ? Set(out key, member.Value) : "publicKey: must be a JSON object (an RSA public JWK).")
                    : $"{member.Name}: unknown member.";
                if (error is not null)
                {
                    break;
                }
            }
        }

        error ??= agentId is null ? "agentId: missing." : key is null ? "publicKey: missing." : null;
        if (error is not null)
        {
            return null;
        }

        var jwk = TryReadKey(key!.Value, out error);
        return jwk is null ? null : new EnrollmentRequest { AgentId = agentId!, Key = jwk };
    }

    private static RsaJwk? TryReadKey(JsonElement key, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in key.EnumerateObject())
        {
            string field = "publicKey." + member.Name;
            error = PrivateMembers.Contains(member.Name) ? $"{field}: a private key member; send the public key only."
                : member.Name is not ("kty" or "n" or "e" or "alg" or "use" or "kid") ? $"{field}: unknown member."
                : member.Value.ValueKind != JsonValueKind.String ? $"{field}: must be a string."
                : !values.TryAdd(member.Name, member.Value.GetString()!) ? $"{field}: appears twice."
                : null;
            if (error is not null)
            {
                return null;
            }
        }

        error = !values.TryGetValue("kty", out var kty) || kty != "RSA" ? "publicKey.kty: must be \"RSA\"."
            : values.TryGetValue("alg", out var alg) && alg != "RS256" ? "publicKey.alg: must be \"RS256\" when present."
            : values.TryGetValue("use", out var use) && use != "sig" ? "publicKey.use: must be \"sig\" when present."
            : !values.ContainsKey("n") ? "publicKey.n: missing."
            : !values.ContainsKey("e") ? "publicKey.e: missing."
            : null;
        if (error is not null)
        {
            return null;
        }

        var jwk = RsaJwk.TryParse(values["n"], values["e"], out string? bad);
        error = bad is not null ? $"publicKey.{bad}: not a base64url unsigned integer without leading zeros."
            : jwk!.E != "AQAB" ? "publicKey.e: must be 65537 (AQAB)."
            : (jwk.Parameters.Modulus![^1] & 1) == 0 ? "publicKey.n: an even modulus, which no RSA key has."
            : jwk.ModulusBits < MinimumModulusBits ? $"publicKey.n: a {jwk.ModulusBits}-bit key; {MinimumModulusBits} bits or more are required."
            : jwk.ModulusBits > MaximumModulusBits ? $"publicKey.n: a {jwk.ModulusBits}-bit key; at most {MaximumModulusBits} bits are accepted."
            : null;
        return error is null ? jwk : null;
    }

    private static string? Set(out JsonElement? target, JsonElement value)
    {
        target = value;
        return null;
    }
}
