namespace Smp.AgentSim.Cluster;

/// <summary>
/// The run passes when no proof was accepted twice (and every token call carried its proof id, so none could
/// hide), no revoked agent was served after its revocation, every failed attempt fell inside a fault window
/// (with its grace), none gave up, and throughput came back to its level within the bound after each fault.
/// </summary>
internal sealed record ClusterVerdict(IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public static ClusterVerdict Of(ClusterResult r)
    {
        var failures = new List<string>();
        if (r.Load.Requests == 0 || r.Proofs == 0)
        {
            failures.Add("no request was served");
        }

        if (r.Doubles > 0)
        {
            failures.Add($"{r.Doubles} proof(s) accepted twice, e.g. {string.Join(", ", r.DoubleSamples)}");
        }

        if (r.WithoutProofId > 0)
        {
            failures.Add($"{r.WithoutProofId} token call(s) reached the server without X-SMP-Proof-Id");
        }

        if (r.RevokedServed > 0 || r.RevokedServedAtLegacy > 0)
        {
            failures.Add($"revoked agents served after their revocation: {r.RevokedServed} seen by agents, {r.RevokedServedAtLegacy} at the server");
        }

        if (r.ErrorsOutside > 0)
        {
            failures.Add($"{r.ErrorsOutside} failed attempt(s) outside the fault windows, e.g. {string.Join("; ", r.ErrorsOutsideSamples)}");
        }

        if (r.GaveUp > 0)
        {
            failures.Add($"{r.GaveUp} request(s) still failing after every retry");
        }

        foreach (FaultRecovery recovery in r.Recoveries.Where(x => !x.Recovered))
        {
            failures.Add($"throughput not back to {FaultRecovery.Fraction:0%} of {recovery.Level:0.#}/s within {FaultRecovery.Bound.TotalSeconds:0} s after {recovery.Fault.Label}"
                + (recovery.SecondsBack is { } s ? $" (took {s:0.#} s)" : " (not before the end)"));
        }

        return new ClusterVerdict(failures);
    }
}
