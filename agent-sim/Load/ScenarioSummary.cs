namespace Smp.AgentSim.Load;

/// <summary>One scenario's runs, and those whose outcomes differed from what the protocol prescribes.</summary>
internal sealed record ScenarioSummary(
    string Name, int Weight, long Runs, long AsExpected, long Unexpected, string? SkipReason, IReadOnlyList<string> Samples)
{
    /// <summary>Skipped or weightless scenarios pass; the others need a run and no surprise.</summary>
    public bool Passed => SkipReason is not null || Weight == 0 || (Runs > 0 && Unexpected == 0);
}
