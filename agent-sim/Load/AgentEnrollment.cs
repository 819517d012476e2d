using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>Takes the agents' keys from the key cache and enrolls them, as many at once as there are workers.</summary>
internal static class AgentEnrollment
{
    public static async Task<IReadOnlyList<SimulatedAgent>> EnrollAllAsync(
        LoadOptions options, HttpClient http, TimeProvider time, CancellationToken cancellationToken)
    {
        int keys = (options.Agents + options.AgentsPerKey - 1) / options.AgentsPerKey;
        IReadOnlyList<AgentIdentity> owners = await Task.Run(
            () => AgentKeyCache.LoadOrCreate(options.KeyFolder, keys, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        // The first agents own the keys; the others borrow them under ids of their own.
        IReadOnlyList<AgentIdentity> identities = Enumerable.Range(0, options.Agents)
            .Select(i => i < keys ? owners[i] : owners[i % keys].Alias(i / keys))
            .ToArray();
        var agents = new SimulatedAgent?[identities.Count];
        var client = new EnrollmentClient(http, options.LoggerFactory);
        Uri[] servers = [options.Gateway, .. options.Sites];
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, identities.Count), parallel, async (i, ct) =>
            {
                EnrollmentResult result = await client.EnrollAsync(options.EnrollAt ?? options.Gateway, options.EnrollmentSecret, identities[i], ct)
                    .ConfigureAwait(false);
                agents[i] = new SimulatedAgent(identities[i], result.ServerKeys, servers[i % servers.Length], time, options.IdleConnectionTimeout, options.LoggerFactory, options.TrustedCa);
            }).ConfigureAwait(false);
        }
        catch
        {
            for (int i = 0; i < identities.Count; i++)
            {
                if (agents[i] is { } agent)
                {
                    agent.Dispose();
                }
                else
                {
                    identities[i].Dispose();
                }
            }

            throw;
        }

        return agents.Select(a => a!).ToArray();
    }
}
