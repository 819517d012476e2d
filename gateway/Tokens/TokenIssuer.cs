using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.Replay;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Issues the three-part token of §5, bound to the agent's key. The token already issued for an agent
/// and <c>uid</c> is handed out again while more than a quarter of its life is left, so that
/// repeated hellos and refused proofs cost no new signature.
/// </summary>
internal sealed class TokenIssuer(
    ServerKeyRing keys,
    IReplayRegistry registry,
    IssuedTokenCache cache,
    IssuanceLimiter limiter,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    GatewayMetrics metrics,
    ILoggerFactory loggers)
{
    // Plain JSON for a plain reader: `smp+jwt`, not `smp\u002Bjwt`. Nothing here is ever embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Token);
    private TokenTemplate? _template;

    /// <summary>
    /// The token held for this agent and <c>uid</c>, or a new one; null when a new signature is over
    /// the rate limits of <paramref name="source"/> or of the agent (<paramref name="retryAfter"/> says when to ask again).
    /// </summary>
    public IssuedToken? GetOrIssue(Agent agent, string uid, string source, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        string audience = options.CurrentValue.Audience;
        // Keyed by the agent's key too: a token is held only for the key it is bound to.
        if (cache.TryGet(agent.AgentId, uid, agent.Key.Thumbprint, out var held)
            && held.Template.Aud == audience
            // A key retired (`gateway keys retire`) is gone from the JWKS: its token would meet unknown-key until it expires.
            && keys.TryGet(held.Template.Kid, out var heldKey) && heldKey.Alg == held.Template.Alg
            && held.IssuedAt >= registry.EpochStart
            && (held.ExpiresAt - now) * 4 > held.ExpiresAt - held.IssuedAt)
        {
            return Spell(held, agent, uid);
        }

        if (!limiter.TryIssue(source, agent.AgentId, out retryAfter))
        {
            return null;
        }

        var (issued, cached) = Issue(agent, uid, audience, now);
        cache.Set(agent.AgentId, uid, agent.Key.Thumbprint, cached);
        return issued;
    }

    /// <summary>
    /// A new token for a Site's audience (§10), signed now and never taken from the cache: a Site's
    /// embedded registry refuses tokens issued before it started, and only a token signed after the
    /// request (so after the Site's start) is sure to pass there. The Site caches what it gets.
    /// </summary>
    public IssuedToken IssueFor(Agent agent, string uid, string audience) =>
        Issue(agent, uid, audience, time.GetUtcNow().ToUnixTimeSeconds()).Token;

    private (IssuedToken Token, CachedToken Cached) Issue(Agent agent, string uid, string audience, long now)
    {
        using var activity = GatewayActivities.Source.StartActivity("smp.token.issue");
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var o = options.CurrentValue;
        var key = keys.Current;
        // A shared registry's epoch re-created after Redis lost its data is the next whole second: a token issued
        // in the second before it must not be born stale (its nbf lies under a second ahead, well within the skew).
        long iat = Math.Max(now, registry.EpochStart);
        long exp = iat + (long)o.Tokens.Lifetime.TotalSeconds;
        var jtiValue = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(RandomNumberGenerator.GetBytes(16));
        string jti = PackedText.Unpack(jtiValue);

        string signingInput = SigningInput(key.Alg, key.Kid, uid, o.IssuerId, agent.AgentId, audience, iat, exp, jti, agent.Key.Thumbprint);
        byte[] signature = new byte[key.SignatureLength];
        key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput), signature);
        string token = signingInput + "." + Base64Url.Encode(signature);

        GatewayLog.TokenIssued(_logger, agent.AgentId, jti, key.Kid, exp);
        metrics.Issued(System.Diagnostics.Stopwatch.GetElapsedTime(start));
        activity?.SetTag(GatewayActivities.Agent, agent.AgentId);
        activity?.SetTag(GatewayActivities.TokenId, jti);
        var cached = new CachedToken(TemplateFor(key, o.IssuerId, audience), jtiValue, iat, exp, signature);
        return (new IssuedToken(token, jti, agent.Key.Thumbprint, iat, exp), cached);
    }

    /// <summary>The template of the last token signed, or a new one when the key, issuer or audience changed.</summary>
    private TokenTemplate TemplateFor(ServerKey key, string iss, string aud)
    {
        var last = Volatile.Read(ref _template);
        if (last is not null && last.Kid == key.Kid && last.Iss == iss && last.Aud == aud)
        {
            return last;
        }

        var next = new TokenTemplate(key.Alg, key.Kid, iss, aud);
        Volatile.Write(ref _template, next);
        return next;
    }

    /// <summary>A cached token spelled again for the agent and <c>uid</c> it was issued to: the same text, no new signature.</summary>
    private static IssuedToken Spell(CachedToken held, Agent agent, string uid)
    {
        string jti = PackedText.Unpack(held.Jti);
        var t = held.Template;
        string signingInput = SigningInput(t.Alg, t.Kid, uid, t.Iss, agent.AgentId, t.Aud, held.IssuedAt, held.ExpiresAt, jti, agent.Key.Thumbprint);
        return new IssuedToken(signingInput + "." + held.SignatureText(), jti, agent.Key.Thumbprint, held.IssuedAt, held.ExpiresAt);
    }

    /// <summary><c>b64u(header) "." b64u(payload)</c> of §5, the bytes the server signs.</summary>
    private static string SigningInput(string alg, string kid, string uid, string iss, string sub, string aud, long iat, long exp, string jti, string jkt)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("alg", alg);
            w.WriteString("typ", ProofParser.TokenType);
            w.WriteString("kid", kid);
            w.WriteStartObject("nonce");
            w.WriteString("uid", uid);
            w.WriteNumber("ctr", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        string header = Base64Url.Encode(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("iss", iss);
            w.WriteString("sub", sub);
            w.WriteString("aud", aud);
            w.WriteNumber("iat", iat);
            w.WriteNumber("nbf", iat);
            w.WriteNumber("exp", exp);
            w.WriteString("jti", jti);
            w.WriteStartObject("cnf");
            w.WriteString("jkt", jkt);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return header + "." + Base64Url.Encode(buffer.WrittenSpan);
    }
}
