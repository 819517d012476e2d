using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
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

    /// <summary>
    /// The token held for this agent and <c>uid</c>, or a new one; null when a new signature is over
    /// the rate limits of <paramref name="source"/> or of the agent (<paramref name="retryAfter"/> says when to ask again).
    /// </summary>
    public IssuedToken? GetOrIssue(Agent agent, string uid, string source, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        if (cache.TryGet(agent.AgentId, uid, out var held)
            && held.Jkt == agent.Key.Thumbprint
            && held.IssuedAt >= registry.EpochStart
            && (held.ExpiresAt - now) * 4 > held.ExpiresAt - held.IssuedAt)
        {
            return held;
        }

        if (!limiter.TryIssue(source, agent.AgentId, out retryAfter))
        {
            return null;
        }

        var issued = Issue(agent, uid, options.CurrentValue.Audience, now);
        cache.Set(agent.AgentId, uid, issued);
        return issued;
    }

    /// <summary>
    /// A new token for a Site's audience (§10), signed now and never taken from the cache: a Site's
    /// embedded registry refuses tokens issued before it started, and only a token signed after the
    /// request (so after the Site's start) is sure to pass there. The Site caches what it gets.
    /// </summary>
    public IssuedToken IssueFor(Agent agent, string uid, string audience) =>
        Issue(agent, uid, audience, time.GetUtcNow().ToUnixTimeSeconds());

    private IssuedToken Issue(Agent agent, string uid, string audience, long now)
    {
        using var activity = GatewayActivities.Source.StartActivity("smp.token.issue");
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var o = options.CurrentValue;
        var key = keys.Current;
        // A shared registry's epoch re-created after Redis lost its data is the next whole second: a token issued
        // in the second before it must not be born stale (its nbf lies under a second ahead, well within the skew).
        long iat = Math.Max(now, registry.EpochStart);
        long exp = iat + (long)o.Tokens.Lifetime.TotalSeconds;
        string jti = Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("alg", key.Alg);
            w.WriteString("typ", ProofParser.TokenType);
            w.WriteString("kid", key.Kid);
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
            w.WriteString("iss", o.IssuerId);
            w.WriteString("sub", agent.AgentId);
            w.WriteString("aud", audience);
            w.WriteNumber("iat", iat);
            w.WriteNumber("nbf", iat);
            w.WriteNumber("exp", exp);
            w.WriteString("jti", jti);
            w.WriteStartObject("cnf");
            w.WriteString("jkt", agent.Key.Thumbprint);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        string signingInput = header + "." + Base64Url.Encode(buffer.WrittenSpan);
        Span<byte> signature = stackalloc byte[key.SignatureLength];
        key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput), signature);
        string token = signingInput + "." + Base64Url.Encode(signature);

        GatewayLog.TokenIssued(_logger, agent.AgentId, jti, key.Kid, exp);
        metrics.Issued(System.Diagnostics.Stopwatch.GetElapsedTime(start));
        activity?.SetTag(GatewayActivities.Agent, agent.AgentId);
        activity?.SetTag(GatewayActivities.TokenId, jti);
        return new IssuedToken(token, jti, agent.Key.Thumbprint, iat, exp);
    }
}
