namespace Smp.AgentSim.Bench;

/// <summary>The flags of <c>agent-sim bench</c>.</summary>
internal sealed record BenchOptions
{
    /// <summary>Length of one measurement of one target, in seconds. Default 5.</summary>
    public int Seconds { get; init; } = 5;

    /// <summary>Warm-up before each measurement, in seconds. Default 1.</summary>
    public int WarmupSeconds { get; init; } = 1;

    /// <summary>Rounds: each measures every target once, odd rounds forwards and even rounds backwards; ratios are the medians over rounds. Default 6, so that both orders weigh alike.</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>Connections wrk keeps open, on one wrk thread. Default 32.</summary>
    public int Connections { get; init; } = 32;

    /// <summary>Agents whose proofs are signed ahead of the run, in turn. Default 32.</summary>
    public int Agents { get; init; } = 32;

    /// <summary>Also measure the gateway on a route with <c>SmpAuth: Anonymous</c>, to split proxy cost from authentication cost.</summary>
    public bool Breakdown { get; init; }

    /// <summary>Where the agent keys are cached between runs; shared with <c>load</c>.</summary>
    public string KeyFolder { get; init; } = Path.Combine(".data", "agent-keys");

    public string? JsonFile { get; init; }

    /// <summary>
    /// The server behind, plain YARP and the gateway each in a process of its own, as users run them: nginx answers the
    /// page when installed (else the legacy server), the gateway runs from <see cref="GatewayBuild"/> with a <c>--config</c> file.
    /// </summary>
    public bool OutOfProcess { get; init; }

    /// <summary>
    /// Over HTTP/2 with prior knowledge (h2c) instead of HTTP/1.1: plain YARP and the gateway each get a second endpoint
    /// with <c>Protocols: Http2</c>, loaded by <see cref="H2Driver"/> (and plain YARP by h2load too, as a cross-check).
    /// Out of process only: the driver runs in this process.
    /// </summary>
    public bool Http2 { get; init; }

    /// <summary>Connections of an HTTP/2 run (<c>--connections</c> with <c>--http2</c>). Default 4: 4 x 8 streams, as many in flight as wrk's 32.</summary>
    public const int Http2Connections = 4;

    /// <summary>Requests in flight on each HTTP/2 connection. Default 8.</summary>
    public int Streams { get; init; } = 8;

    /// <summary>The folder of the gateway's build (<c>dotnet publish gateway -c Release -o DIR</c>); default: the one beside agent-sim.</summary>
    public string GatewayBuild { get; init; } = AppContext.BaseDirectory;

    /// <summary>
    /// Out of process: a second gateway from this build (main before a change, say), measured in the same rounds
    /// as the first, so that a before-and-after ratio comes from one run on one machine state.
    /// </summary>
    public string? CompareBuild { get; init; }
}
