using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.RateLimiting;

/// <summary>
/// Token buckets per client address and per agent for new signatures, and per address for enrollments
/// (<c>Gateway:RateLimits</c>). A bucket refills continuously, so a burst up to a minute's allowance is
/// served at once and then the steady rate. Changed limits apply to buckets created after the change.
/// </summary>
/// <remarks>
/// A hello is unauthenticated: anyone may name any agent. The agent's bucket is therefore kept per agent
/// and address, so that hellos from one address spend only that address's share and never lock the real
/// agent, elsewhere, out of its tokens.
/// </remarks>
internal sealed class IssuanceLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perSource;
    private readonly PartitionedRateLimiter<string> _perAgent;
    private readonly PartitionedRateLimiter<string> _enrollments;

    public IssuanceLimiter(IOptionsMonitor<GatewayOptions> options)
    {
        _perSource = Create(() => options.CurrentValue.RateLimits.TokensPerSourcePerMinute);
        _perAgent = Create(() => options.CurrentValue.RateLimits.TokensPerAgentPerMinute);
        _enrollments = Create(() => options.CurrentValue.RateLimits.EnrollmentsPerSourcePerMinute);
    }

    /// <summary>True when one more token may be signed for <paramref name="agentId"/> asked from <paramref name="source"/>.</summary>
    public bool TryIssue(string source, string agentId, out TimeSpan retryAfter)
    {
        using var agent = _perAgent.AttemptAcquire(agentId + " " + source);
        if (!agent.IsAcquired)
        {
            return Refused(agent, out retryAfter);
        }

        using var from = _perSource.AttemptAcquire(source);
        return from.IsAcquired ? Accepted(out retryAfter) : Refused(from, out retryAfter);
    }

    public bool TryEnroll(string source, out TimeSpan retryAfter)
    {
        using var lease = _enrollments.AttemptAcquire(source);
        return lease.IsAcquired ? Accepted(out retryAfter) : Refused(lease, out retryAfter);
    }

    public void Dispose()
    {
        _perSource.Dispose();
        _perAgent.Dispose();
        _enrollments.Dispose();
    }

    /// <summary>A token bucket per key, refilled continuously up to a minute's allowance; also for the hello limit of unknown agents (Tokens/UnknownAgentHelloLimit).</summary>
    internal static PartitionedRateLimiter<string> Create(Func<int> perMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ =>
        {
            int limit = Math.Max(1, perMinute());
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit,
                TokensPerPeriod = Math.Max(1, limit / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(limit >= 60 ? 1 : 60.0 / limit),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        }));

    private static bool Accepted(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        return true;
    }

    private static bool Refused(RateLimitLease lease, out TimeSpan retryAfter)
    {
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }
}
