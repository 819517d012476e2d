using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Protocol;
using Smp.Gateway.Replay;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// One client-tokens call (§10) for up to 128 agent and uid pairs: asks, opens the signed answer,
/// stores each token with the agent's key in the cache and each refusal, and returns what each pair got.
/// </summary>
internal sealed class ClientTokenFetcher(
    IssuerClient client,
    IssuerAnswerReader reader,
    SiteTokenCache cache,
    IReplayRegistry registry,
    SiteMetrics metrics,
    IOptionsMonitor<GatewayOptions> options,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.TokenCache);

    public async Task<Dictionary<(string Agent, string Uid), TokenGrant>> FetchAsync(IReadOnlyList<(string Agent, string Uid)> pairs, CancellationToken cancellationToken)
    {
        // One batch serves hellos of many requests: the span stands on its own, not under one of them.
        using var activity = GatewayActivities.Source.StartActivity("smp.site.fetch", System.Diagnostics.ActivityKind.Client, parentContext: default);
        activity?.SetTag("smp.site.requests", pairs.Count);
        try
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            var grants = await FetchCoreAsync(pairs, cancellationToken);
            int tokens = grants.Values.Count(g => g.Token is not null);
            activity?.SetTag("smp.site.tokens", tokens);
            GatewayLog.TokensFetched(_logger, tokens, pairs.Count, grants.Count - tokens, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            GatewayActivities.SetOutcome(activity, null);
            return grants;
        }
        catch (IssuerUnavailableException)
        {
            GatewayActivities.SetOutcome(activity, SiteError.IssuerUnavailable);
            throw;
        }
    }

    private async Task<Dictionary<(string Agent, string Uid), TokenGrant>> FetchCoreAsync(IReadOnlyList<(string Agent, string Uid)> pairs, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var response = await client.PostAsync(SiteHeaders.ClientTokensPath, (ts, rid) => Body(o, ts, rid, pairs), cancellationToken);
        if (response.Status != 200)
        {
            throw new IssuerUnavailableException($"the Issuer refused the request: {response.Status} {response.Error}");
        }

        byte[] json = await reader.ReadAsync(response);
        var grants = new Dictionary<(string, string), TokenGrant>();
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var entry in document.RootElement.GetProperty("tokens").EnumerateArray())
            {
                string agent = entry.GetProperty("agent").GetString()!, uid = entry.GetProperty("uid").GetString()!;
                grants[(agent, uid)] = Apply(agent, uid, entry, o);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IssuerUnavailableException("the Issuer's answer is not the JSON of PROTOCOL.md §10: " + e.GetType().Name, e);
        }

        metrics.TokensReceived(grants.Values.Count(g => g.Token is not null));
        return grants;
    }

    private TokenGrant Apply(string agent, string uid, JsonElement entry, GatewayOptions o)
    {
        if (entry.TryGetProperty("error", out var error))
        {
            string code = error.GetString() ?? NsError.Malformed;
            // A pending agent is remembered as briefly as an unknown one: its approval at the Issuer applies here soon.
            if (code is NsError.AgentUnknown or NsError.AgentRevoked or NsError.AgentPending)
            {
                cache.Refuse(agent, code, o.Site.RevocationCheckPeriod);
                return TokenGrant.Refused(code == NsError.AgentUnknown ? 401 : 403, code);
            }

            return TokenGrant.Refused(401, NsError.Malformed);
        }

        string text = entry.GetProperty("token").GetString()!;
        var key = entry.GetProperty("agentKey");
        var jwk = RsaJwk.TryParse(key.GetProperty("n").GetString()!, key.GetProperty("e").GetString()!, out _);
        var claims = ReadClaims(text);

        // The answer is signed, but check that the token is the one asked for, for this Site, and not
        // older than this Site's registry: a token from before the epoch would only be refused as stale.
        if (jwk is null || claims is null || claims.Sub != agent || claims.Aud != o.Audience || claims.Jkt != jwk.Thumbprint || claims.Iat < registry.EpochStart)
        {
            GatewayLog.IssuerAnswerInvalid(_logger, agent, claims?.Jti);
            return TokenGrant.Refused(503, SiteError.IssuerUnavailable);
        }

        cache.Store(agent, uid, new SiteToken(text, claims.Jti, claims.Iat, claims.Exp), jwk);
        return TokenGrant.Issued(text);
    }

    /// <summary>The members of the payload this Site needs; the server signature is checked when a proof uses it (§8).</summary>
    private static TokenClaims? ReadClaims(string token)
    {
        string[] parts = token.Split('.');
        byte[]? payload = parts.Length == 3 ? Base64Url.Decode(parts[1]) : null;
        if (payload is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(payload);
        var p = document.RootElement;
        return new TokenClaims
        {
            Sub = p.GetProperty("sub").GetString(),
            Aud = p.GetProperty("aud").GetString()!,
            Iat = p.GetProperty("iat").GetInt64(),
            Exp = p.GetProperty("exp").GetInt64(),
            Jti = p.GetProperty("jti").GetString()!,
            Jkt = p.GetProperty("cnf").GetProperty("jkt").GetString()!,
        };
    }

    private static byte[] Body(GatewayOptions o, long ts, string rid, IReadOnlyList<(string Agent, string Uid)> pairs)
    {
        var buffer = new ArrayBufferWriter<byte>(pairs.Count * 120 + 256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("site", o.Site.SiteId);
            w.WriteString("audience", o.Audience);
            w.WriteNumber("ts", ts);
            w.WriteString("rid", rid);
            w.WriteStartArray("requests");
            foreach (var (agent, uid) in pairs)
            {
                w.WriteStartObject();
                w.WriteString("agent", agent);
                w.WriteString("uid", uid);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
