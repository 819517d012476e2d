using System.Text.Json;
using Smp.Gateway.Configuration;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Sites;

/// <summary>
/// A Site's request body (§10), parsed strictly: <c>{"site","audience","ts","requests":[{"agent","uid"}]}</c>
/// for client-tokens, <c>{"site","ts","agents":["..."]}</c> for agent-status. Unknown or repeated
/// members, a wrong type or more entries than allowed make it malformed.
/// </summary>
/// <remarks>
/// Beside §10's members, an optional <c>"rid"</c> (16 to 64 b64u characters, random per attempt):
/// without it two requests for the same pairs in the same second are the same bytes, and the Issuer's
/// memory of requests seen refuses the second as replayed. Our Sites always send one.
/// </remarks>
internal sealed class SiteRequest
{
    /// <summary>The most agents one status request names.</summary>
    public const int MaxAgents = 1024;

    private const int MaxString = 256;

    public string Site { get; private set; } = string.Empty;
    public string? Audience { get; private set; }
    public long Ts { get; private set; }
    public string? Rid { get; private set; }
    public List<(string Agent, string Uid)>? Requests { get; private set; }
    public List<string>? Agents { get; private set; }

    /// <summary>Null when malformed; <paramref name="tooMany"/> tells a batch over its bound from other faults.</summary>
    public static SiteRequest? TryParse(ReadOnlySpan<byte> json, out bool tooMany)
    {
        tooMany = false;
        var r = new Utf8JsonReader(json, StrictJson.ReaderOptions);
        var request = new SiteRequest();
        int seen = 0;
        try
        {
            if (!StrictJson.TryStartObject(ref r, json))
            {
                return null;
            }

            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool ok = r.ValueTextEquals("site"u8) ? StrictJson.TryMark(ref seen, 1) && StrictJson.TryGetString(ref r, MaxString, out var site) && Set(request.Site = site)
                    : r.ValueTextEquals("audience"u8) ? StrictJson.TryMark(ref seen, 2) && StrictJson.TryGetString(ref r, MaxString, out var audience) && Set(request.Audience = audience)
                    : r.ValueTextEquals("ts"u8) ? StrictJson.TryMark(ref seen, 4) && StrictJson.TryGetInteger(ref r, out var ts) && Set(request.Ts = ts)
                    : r.ValueTextEquals("rid"u8) ? StrictJson.TryMark(ref seen, 32) && StrictJson.TryGetString(ref r, 64, out var rid) && Tokens.ProofParser.IsUid(rid) && Set(request.Rid = rid)
                    : r.ValueTextEquals("requests"u8) ? StrictJson.TryMark(ref seen, 8) && TryReadRequests(ref r, request.Requests = [], ref tooMany)
                    : r.ValueTextEquals("agents"u8) && StrictJson.TryMark(ref seen, 16) && TryReadAgents(ref r, request.Agents = [], ref tooMany);
                if (!ok)
                {
                    return null;
                }
            }

            seen &= ~32;
            bool complete = r.TokenType == JsonTokenType.EndObject && !r.Read()
                && (seen == (1 | 2 | 4 | 8) || seen == (1 | 4 | 16));
            return complete ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Set<T>(T _) => true;

    private static bool TryReadRequests(ref Utf8JsonReader r, List<(string, string)> requests, ref bool tooMany)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
        {
            int seen = 0;
            string agent = string.Empty, uid = string.Empty;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool ok = r.ValueTextEquals("agent"u8) ? StrictJson.TryMark(ref seen, 1) && StrictJson.TryGetString(ref r, MaxString, out agent)
                    : r.ValueTextEquals("uid"u8) && StrictJson.TryMark(ref seen, 2) && StrictJson.TryGetString(ref r, MaxString, out uid);
                if (!ok)
                {
                    return false;
                }
            }

            if (seen != 3 || r.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            requests.Add((agent, uid));
            if (requests.Count > SiteOptions.MaxBatch)
            {
                tooMany = true;
                return false;
            }
        }

        return r.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadAgents(ref Utf8JsonReader r, List<string> agents, ref bool tooMany)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        while (r.Read() && r.TokenType == JsonTokenType.String)
        {
            agents.Add(r.GetString()!);
            if (agents.Count > MaxAgents)
            {
                tooMany = true;
                return false;
            }
        }

        return r.TokenType == JsonTokenType.EndArray;
    }
}
