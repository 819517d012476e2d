using Smp.Gateway.Agents;

namespace Smp.Gateway.Insight;

/// <summary>Reads the activity and the agents for <c>gateway report</c>, at the time of the injected clock.</summary>
internal sealed class InsightReader(IActivityStore store, TimeProvider time, IAgentDirectory? directory = null)
{
    public async Task<InsightData> ReadAsync(CancellationToken cancellationToken)
    {
        var agents = directory is null ? [] : await directory.ListAsync(cancellationToken);
        return new InsightData(
            time.GetUtcNow().ToUnixTimeSeconds(), agents,
            await store.ReadAgentsAsync(cancellationToken), await store.ReadAccSourcesAsync(cancellationToken), await store.ReadMethodsAsync(cancellationToken));
    }
}
