using System.Buffers;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;
using Smp.Gateway.Protocol;
using Smp.Gateway.Replay;

namespace Smp.Gateway.Tokens;

/// <summary>
/// Validates a five-part proof in the order of §8; the first failed check decides. The replay
/// registry comes last, so only a proof that passed every other check uses up its counter.
/// </summary>
internal sealed class ProofValidator(
    ServerKeyRing keys,
    VerifiedSignatureCache verified,
    IAgentLookup agents,
    IReplayRegistry registry,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    IServerKeyRefresh keyRefresh,
    GatewayMetrics metrics)
{
    /// <summary>Validates a proof whose sender's address is not known (tools, tests): no quota per address applies.</summary>
    public ValueTask<ProofValidationResult> ValidateAsync(string text, CancellationToken cancellationToken) =>
        ValidateAsync(text, string.Empty, cancellationToken);

    /// <param name="source">The client's address: the registry's quota per address counts against it.</param>
    public async ValueTask<ProofValidationResult> ValidateAsync(string text, string source, CancellationToken cancellationToken)
    {
        using var activity = GatewayActivities.Source.StartActivity("smp.proof.validate");
        long start = Stopwatch.GetTimestamp();
        var result = await ValidateStepsAsync(text, source, cancellationToken);
        metrics.Validated(result.Error, Stopwatch.GetElapsedTime(start));
        if (activity is not null)
        {
            activity.SetTag(GatewayActivities.Agent, result.Claims.Sub);
            activity.SetTag(GatewayActivities.TokenId, result.Claims.Jti.Length > 0 ? result.Claims.Jti : null);
            GatewayActivities.SetOutcome(activity, result.Error);
        }

        return result;
    }

    private async ValueTask<ProofValidationResult> ValidateStepsAsync(string text, string source, CancellationToken cancellationToken)
    {
        // 1. Syntax; a token already verified is not parsed again.
        if (!ProofParser.TryParse(text, verified, out var proof, out var claims))
        {
            return ProofValidationResult.Unauthorized(NsError.Malformed, claims);
        }

        // 2. The key and its algorithm: the header's `alg` must be the key's own, never `none` or HS*.
        // A Site that does not know the kid fetches the Issuer's keys again (no more often than its floor).
        if ((!keys.TryGet(claims.Kid, out var key) && !(await keyRefresh.TryRefreshAsync(claims.Kid, cancellationToken) && keys.TryGet(claims.Kid, out key)))
            || !string.Equals(claims.Alg, key.Alg, StringComparison.Ordinal))
        {
            return ProofValidationResult.Unauthorized(NsError.UnknownKey, claims);
        }

        // 3. The server signature; remembered (with the claims, for step 1 next time) after step 6.
        if (!proof!.ServerSignatureVerified && !Verify(proof.Text, proof.ServerSignedLength, proof.ServerSignature, key))
        {
            return ProofValidationResult.Unauthorized(NsError.ServerSignatureInvalid, claims);
        }

        // 4. Time, audience and epoch.
        var o = options.CurrentValue;
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        long skew = (long)o.Tokens.ClockSkew.TotalSeconds;
        string? timeError = now >= claims.Exp + skew ? NsError.Expired
            : now < claims.Nbf - skew ? NsError.NotYetValid
            : claims.Aud != o.Audience || claims.Iss != o.IssuerId ? NsError.AudienceMismatch
            : claims.Iat < registry.EpochStart ? NsError.StaleEpoch
            : null;
        if (timeError is not null)
        {
            return ProofValidationResult.Unauthorized(timeError, claims);
        }

        // 5. The agent, and the key the token is bound to.
        var agent = await agents.FindAsync(claims.Sub!, cancellationToken);
        if (agent is null)
        {
            return ProofValidationResult.Unauthorized(NsError.AgentUnknown, claims);
        }

        if (agent.RefusalCode is { } refusal)
        {
            return ProofValidationResult.Forbidden(refusal, claims, agent);
        }

        if (!string.Equals(agent.Key.Thumbprint, claims.Jkt, StringComparison.Ordinal))
        {
            return ProofValidationResult.Forbidden(NsError.KeyMismatch, claims, agent);
        }

        // 6. The agent signature over the first four parts. Only a token its agent has used is remembered:
        // filling the cache takes an enrolled agent's key, and each address fills at most its share.
        if (!Verify(proof.Text, proof.AgentSignedLength, proof.AgentSignature, agent))
        {
            return ProofValidationResult.Forbidden(NsError.AgentSignatureInvalid, claims, agent);
        }

        if (!proof.ServerSignatureVerified)
        {
            verified.Add(proof.Digest, claims, key, source);
        }

        // 7. The nonce belongs to this token.
        if (!string.Equals(proof.NonceUid, claims.Uid, StringComparison.Ordinal))
        {
            return ProofValidationResult.Unauthorized(NsError.NonceMismatch, claims, agent);
        }

        // 8. Revoked tokens.
        if (await agents.IsTokenRevokedAsync(claims.Jti, cancellationToken))
        {
            return ProofValidationResult.Forbidden(NsError.TokenRevoked, claims, agent);
        }

        // 9. The replay registry: last, and only now does the counter get used.
        ReplayDecision decision;
        using (var check = GatewayActivities.Source.StartActivity("smp.registry.check"))
        {
            decision = await registry.TryAcceptAsync(claims.Jti, proof.Counter, claims.Exp + skew, new ReplayOwner(claims.Jkt, source), cancellationToken);
            check?.SetTag("smp.decision", decision.Name());
        }

        metrics.RegistryChecked(decision.Name());
        return decision switch
        {
            ReplayDecision.Accepted => ProofValidationResult.Success(claims, agent, proof.Counter),
            ReplayDecision.Replayed => ProofValidationResult.Forbidden(NsError.Replay, claims, agent),
            ReplayDecision.OverQuota => new ProofValidationResult(429, NsError.RateLimited, claims, agent),
            _ => new ProofValidationResult(503, NsError.RegistryUnavailable, claims, agent),
        };
    }

    private static bool Verify(string text, int signedLength, byte[] signature, ISignatureVerifier verifier)
    {
        byte[] data = ArrayPool<byte>.Shared.Rent(signedLength);
        try
        {
            int length = Encoding.ASCII.GetBytes(text.AsSpan(0, signedLength), data);
            return verifier.Verify(data.AsSpan(0, length), signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
}
