using Smp.AgentSim.Legacy;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Cluster;

/// <summary>A run's records (the fleet's, the legacy servers' proof ledgers, the faults, the nodes) read into its <see cref="ClusterResult"/>.</summary>
internal sealed partial class ClusterRunner
{
    private ClusterResult Result(
        LoadSummary summary, ClusterFleet fleet, ProofLedger[] ledgers, List<FaultWindow> faults, string[] revoked,
        Dictionary<string, TimeSpan> ledgerRevokedAt, List<GatewayNode> nodes, int[] restarts)
    {
        (TimeSpan At, string What)[] failures = [.. fleet.Failures];
        (TimeSpan At, string What)[] outside = failures.Where(f => !faults.Any(w => w.Covers(f.At))).ToArray();
        long servedAtLegacy;
        lock (ledgerRevokedAt)
        {
            servedAtLegacy = ledgerRevokedAt.Count(r => ledgers.Any(l => l.LastServed(r.Key) is { } at && at > r.Value + LegacyGrace));
        }

        return new ClusterResult
        {
            Load = summary,
            Nodes = restarts.Length,
            Faults = faults,
            Recoveries = faults.Where(f => f.IsDisruptive).Select(f => FaultRecovery.Of(f, fleet.PerSecond)).ToArray(),
            ErrorsInFaults = failures.Length - outside.Length,
            ErrorsOutside = outside.Length,
            ErrorsOutsideSamples = outside.Select(f => $"{f.At.TotalSeconds:0.0} s: {f.What}").Distinct().Take(5).ToArray(),
            Proofs = ledgers.Sum(l => l.Proofs),
            Doubles = ledgers.Sum(l => l.Doubles),
            DoubleSamples = [.. ledgers.SelectMany(l => l.DoubleSamples)],
            WithoutProofId = ledgers.Sum(l => l.WithoutProof),
            SiteServed = fleet.SiteServed,
            SiteProofs = ledgers.Length > 1 ? ledgers[1].Proofs : 0,
            Revoked = revoked.Length,
            RevokedServed = fleet.RevokedServed,
            RevokedServedAtLegacy = servedAtLegacy,
            RevokedRefused = fleet.RevokedRefused,
            GaveUp = fleet.GaveUp,
            Memory = nodes.Select((n, i) =>
            {
                (double rss, double peak) = n.Memory();
                return new NodeMemory(n.Name, rss, peak, i < restarts.Length ? restarts[i] : 0);
            }).ToArray(),
        };
    }
}
