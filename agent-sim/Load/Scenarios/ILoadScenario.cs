namespace Smp.AgentSim.Load.Scenarios;

/// <summary>One kind of agent behaviour, and what the protocol says the gateway must answer to it.</summary>
internal interface ILoadScenario
{
    ScenarioKind Kind { get; }

    Task<ScenarioVerdict> RunAsync(ScenarioRun run, CancellationToken cancellationToken);
}
