using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Cluster;

/// <summary>What <c>agent-sim cluster</c> runs.</summary>
internal sealed record ClusterOptions
{
    /// <summary>Gateway nodes behind nginx. Default 3.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Agents enrolled. Default 100,000.</summary>
    public int Agents { get; init; } = 100_000;

    /// <summary>Agent ids per RSA key, as the soak shares them. Default 50.</summary>
    public int AgentsPerKey { get; init; } = 50;

    /// <summary>How long the load runs after enrollment. Default 600 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Agents calling at once. Default 64.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Agents revoked at 30 % of the run. Default 10.</summary>
    public int Revocations { get; init; } = 10;

    /// <summary>How long Redis stays frozen. Default 3 s.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>At 55 % of the run, add a Site (<see cref="ClusterSite"/>) and move a third of the agents to it.</summary>
    public bool Hierarchy { get; init; }

    /// <summary>Restart Redis with SIGKILL rather than SIGTERM: the writes of the last second may be lost.</summary>
    public bool RedisKill { get; init; }

    /// <summary>The folder holding the published <c>gateway.dll</c> (<c>dotnet publish gateway -c Release -o DIR</c>).</summary>
    public required string GatewayBuild { get; init; }

    /// <summary>Found on the PATH or in the system folders (nginx lives in /usr/sbin).</summary>
    public string RedisExecutable { get; init; } = Bench.ExecutableSearch.Find(RedisProcess.Executable) ?? RedisProcess.Executable;

    public string NginxExecutable { get; init; } = Bench.ExecutableSearch.Find(Bench.NginxHost.Executable) ?? Bench.NginxHost.Executable;

    /// <summary>Where the processes keep their files; a new temporary folder by default, removed at the end.</summary>
    public string? WorkFolder { get; init; }

    public string KeyFolder { get; init; } = Path.Combine(".data", "agent-keys");

    public TextWriter? Progress { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
