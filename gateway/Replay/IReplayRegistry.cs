namespace Smp.Gateway.Replay;

/// <summary>The replay registry (§9): each counter of each token is accepted once.</summary>
internal interface IReplayRegistry
{
    /// <summary>
    /// Unix seconds before which tokens are refused as <c>stale-epoch</c>: the registry's start when it
    /// does not survive a restart, or 0 when it does.
    /// </summary>
    long EpochStart { get; }

    /// <summary>
    /// Checks and records <paramref name="counter"/> for the token <paramref name="jti"/> in one atomic step.
    /// State is kept until <paramref name="keepUntil"/> (Unix seconds: the token's <c>exp</c> plus the skew).
    /// </summary>
    ValueTask<ReplayDecision> TryAcceptAsync(string jti, long counter, long keepUntil, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="TryAcceptAsync(string, long, long, CancellationToken)"/>; a registry with bounded room
    /// counts a new entry against <paramref name="owner"/> and answers <see cref="ReplayDecision.OverQuota"/>
    /// when the owner's share is full. A registry without such a bound ignores the owner.
    /// </summary>
    ValueTask<ReplayDecision> TryAcceptAsync(string jti, long counter, long keepUntil, ReplayOwner owner, CancellationToken cancellationToken) =>
        TryAcceptAsync(jti, counter, keepUntil, cancellationToken);
}
