namespace Smp.Gateway.Insight;

/// <summary>
/// The activity beside the agent store (the SQLite file's tables, or Redis keys <c>{prefix}:activity:*</c>): written by
/// <see cref="ActivityFlush"/> in batches, read by <c>gateway report</c>. Counts add up; first seen keeps the earliest.
/// </summary>
internal interface IActivityStore
{
    Task WriteAsync(ActivityBatch batch, CancellationToken cancellationToken);

    Task<IReadOnlyList<AgentActivity>> ReadAgentsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<AccSourceDay>> ReadAccSourcesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<MethodDay>> ReadMethodsAsync(CancellationToken cancellationToken);
}
