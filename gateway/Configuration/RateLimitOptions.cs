namespace Smp.Gateway.Configuration;

/// <summary>
/// <c>Gateway:RateLimits</c>: how fast one source or one agent can make the gateway sign or enroll, so
/// that hellos cannot make it sign without bound. Handing out a token already issued costs nothing and
/// is never limited. Behind a load balancer every request comes from its address: raise the per-source limits.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary><c>Gateway:RateLimits:TokensPerSourcePerMinute</c>: new tokens signed for one client address. Default 6000 (100 a second, a few percent of a core).</summary>
    public int TokensPerSourcePerMinute { get; set; } = 6000;

    /// <summary><c>Gateway:RateLimits:TokensPerAgentPerMinute</c>: new tokens signed for one agent asked from one client address (a hello names any agent, so
    /// hellos from elsewhere never spend the real agent's share). Default 60.</summary>
    public int TokensPerAgentPerMinute { get; set; } = 60;

    /// <summary>
    /// <c>Gateway:RateLimits:UnknownAgentHellosPerSourcePerMinute</c>: hellos naming agents that are not enrolled, from one
    /// client address; beyond it that address's hellos are refused until the allowance refills. Default 600.
    /// </summary>
    public int UnknownAgentHellosPerSourcePerMinute { get; set; } = 600;

    /// <summary><c>Gateway:RateLimits:EnrollmentsPerSourcePerMinute</c>: enrollment requests from one client address. Default 600.</summary>
    public int EnrollmentsPerSourcePerMinute { get; set; } = 600;
}
