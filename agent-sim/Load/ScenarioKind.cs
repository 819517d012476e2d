namespace Smp.AgentSim.Load;

/// <summary>The load scenarios; their names in <c>--mix</c> are the lowercase member names
/// (<see cref="StaleAcc"/> is <c>stale-acc</c>).</summary>
internal enum ScenarioKind
{
    Cold,
    Warm,
    KeepAlive,
    Replay,
    Revoked,
    Hostile,

    /// <summary>An agent fetching from a UNC codebase with the right ACC (seeds/000: tokens cannot serve UNC).</summary>
    Unc,

    /// <summary>An agent still holding the ACC password from before a change.</summary>
    StaleAcc,

    /// <summary>A domain-joined agent authenticating with its machine account's Kerberos ticket (Negotiate).</summary>
    Windows,
}
