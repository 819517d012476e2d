namespace Smp.AgentSim.Load;

/// <summary>The load scenarios; their names in <c>--mix</c> are the lowercase member names.</summary>
internal enum ScenarioKind
{
    Cold,
    Warm,
    KeepAlive,
    Replay,
    Revoked,
    Hostile,
}
