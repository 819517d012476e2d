using Microsoft.Extensions.Logging.Abstractions;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Soak;

/// <summary>What <c>agent-sim soak</c> runs.</summary>
internal sealed record SoakOptions
{
    /// <summary>Every scenario, honest and hostile. Revocations stop at a quarter of the agents.</summary>
    public static ScenarioMix DefaultMix { get; } = ScenarioMix.Parse("cold=2,warm=6,keepalive=2,replay=1,revoked=1,hostile=2");

    /// <summary>Agents enrolled. Default 10,000.</summary>
    public int Agents { get; init; } = 10_000;

    /// <summary>How long the load runs after enrollment. Default 600 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Time between two samples. Default 10 s.</summary>
    public TimeSpan SamplePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Workers. Default 16.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Agent ids per RSA key. Default 50: 10,000 agents over 200 keys, made once and cached.</summary>
    public int AgentsPerKey { get; init; } = 50;

    /// <summary>
    /// The gateway's token lifetime. Default 120 s, the shortest whole minutes that leave agents time
    /// to use a token: tokens, their replay state and remembered signatures then expire and are swept
    /// several times within the run, so a flat memory means the sweeps keep up, not that nothing expired.
    /// </summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(120);

    public ScenarioMix Mix { get; init; } = DefaultMix;

    public string KeyFolder { get; init; } = Path.Combine(".data", "agent-keys");

    public TextWriter? Progress { get; init; }

    /// <summary>Where the agents log (<see cref="Protocol.AgentLogCategories"/>). Default none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
