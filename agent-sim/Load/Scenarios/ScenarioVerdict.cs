namespace Smp.AgentSim.Load.Scenarios;

/// <summary>Whether a scenario run went as the protocol prescribes; if not, a credential-free reason.</summary>
internal sealed record ScenarioVerdict(bool AsExpected, string? Detail)
{
    public static ScenarioVerdict Expected { get; } = new(true, null);

    public static ScenarioVerdict Unexpected(string detail) => new(false, detail);
}
