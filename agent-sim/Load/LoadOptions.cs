using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Load;

/// <summary>What <see cref="LoadRunner"/> runs. Duration and request count both bound the run.</summary>
internal sealed record LoadOptions
{
    /// <summary>The gateway's origin, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>
    /// Where agents enroll (an Issuer) when they talk to Sites: <see cref="Gateway"/> and <see cref="Sites"/>
    /// are then the servers they authenticate at. Default null: enroll at <see cref="Gateway"/>.
    /// </summary>
    public Uri? EnrollAt { get; init; }

    /// <summary>More servers the agents talk to (Sites, PROTOCOL.md §10): agent i uses the (i mod n)-th of Gateway and these. Default none.</summary>
    public IReadOnlyList<Uri> Sites { get; init; } = [];

    /// <summary>The enrollment secret (<c>X-SMP-Enrollment</c>, PROTOCOL.md §4).</summary>
    public required string EnrollmentSecret { get; init; }

    /// <summary>Agents enrolled. Default 50.</summary>
    public int Agents { get; init; } = 50;

    /// <summary>Workers running scenarios at once; each holds one agent at a time. Default 8.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>No scenario starts after this much time. Default 10 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No scenario starts once this many requests were sent. Default: no limit but the duration.</summary>
    public long? MaxRequests { get; init; }

    /// <summary>Default <see cref="ScenarioMix.Default"/>.</summary>
    public ScenarioMix Mix { get; init; } = ScenarioMix.Default;

    /// <summary>The agent key cache. Default <c>.data/agent-keys</c> under the current directory.</summary>
    public string KeyFolder { get; init; } = Path.Combine(".data", "agent-keys");

    /// <summary>Revokes an agent at the gateway; without it the revoked scenario is skipped.</summary>
    public Func<string, CancellationToken, Task>? RevokeAgent { get; init; }

    /// <summary>
    /// The ACC account of a UNC-codebase route at the gateway (the demo has one); without it the unc
    /// and stale-acc scenarios are skipped.
    /// </summary>
    public AccCredentials? Acc { get; init; }

    /// <summary>Where the windows scenario's agents use their machine account; without it that scenario is skipped.</summary>
    public WindowsAccount? Windows { get; init; }

    /// <summary>Requests one keep-alive scenario sends on its connection. Default 5.</summary>
    public int KeepAliveRequests { get; init; } = 5;

    /// <summary>
    /// Agent ids enrolled per RSA key. Default 1. Ids are independent of keys in the protocol, so a
    /// load of many agents may share fewer keys, each costing 50-100 ms to generate; each id is an agent.
    /// </summary>
    public int AgentsPerKey { get; init; } = 1;

    /// <summary>
    /// How long an agent keeps an idle connection open. Default 30 s. Thousands of agents in one
    /// process each holding one would use two descriptors apiece (client and gateway ends).
    /// </summary>
    public TimeSpan IdleConnectionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called once every agent is enrolled, as the workers start, with a reader of the requests sent
    /// so far (a soak samples from here).
    /// </summary>
    public Action<Func<long>>? LoadStarted { get; init; }

    /// <summary>Where the once-a-second progress line goes; null for none.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>Where the agents log (<see cref="Protocol.AgentLogCategories"/>). Default none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary><c>--ca FILE</c>: the authority trusted for an HTTPS gateway besides the system's. Default none.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedCa { get; init; }
}
