namespace Smp.AgentSim.Bench;

/// <summary>One figure of the report: the requests per second of one target over another's, in the same round.</summary>
internal sealed record BenchRatio(string Label, string Numerator, string Denominator, double? Target)
{
    public static readonly IReadOnlyList<BenchRatio> All =
    [
        new("keep-alive gateway/YARP", BenchTarget.GatewayKeepAlive, BenchTarget.Yarp, 0.97),
        new("fresh proof gateway/YARP", BenchTarget.GatewayFresh, BenchTarget.YarpProof, 0.62),
        new("keep-alive gateway/compared", BenchTarget.GatewayKeepAlive, BenchTarget.ComparedKeepAlive, null),
        new("fresh proof gateway/compared", BenchTarget.GatewayFresh, BenchTarget.ComparedFresh, null),
        new("anonymous gateway/YARP", BenchTarget.GatewayAnonymous, BenchTarget.Yarp, null),
        new("YARP/server", BenchTarget.Yarp, BenchTarget.Server, null),
        new("YARP with proof header/server", BenchTarget.YarpProof, BenchTarget.Server, null),
        new("nginx/server", BenchTarget.Nginx, BenchTarget.Server, null),
        new("keep-alive gateway/YARP h2", BenchTarget.GatewayKeepAliveH2, BenchTarget.YarpH2, 0.97),
        new("fresh proof gateway/YARP h2", BenchTarget.GatewayFreshH2, BenchTarget.YarpProofH2, 0.62),
        new("anonymous gateway/YARP h2", BenchTarget.GatewayAnonymousH2, BenchTarget.YarpH2, null),
        new("YARP h2: driver/h2load", BenchTarget.YarpH2, BenchTarget.YarpH2load, null),
    ];

    /// <summary>The ratio in one round, or null when either side was not measured cleanly.</summary>
    public double? In(IReadOnlyDictionary<string, WrkResult> round) =>
        round.TryGetValue(Numerator, out WrkResult? top) && round.TryGetValue(Denominator, out WrkResult? bottom)
        && top.Clean && bottom.Clean && bottom.RequestsPerSecond > 0
            ? top.RequestsPerSecond / bottom.RequestsPerSecond
            : null;

    /// <summary>The median of the rounds' ratios, or null when no round gave one.</summary>
    public double? Median(IEnumerable<IReadOnlyDictionary<string, WrkResult>> rounds) =>
        MedianOf(rounds.Select(In).OfType<double>().ToArray());

    /// <summary>"met" or "missed by 0.07 (8%)", for a ratio with a target.</summary>
    public string Verdict(double value)
    {
        if (Target is not { } target)
        {
            return string.Empty;
        }

        return value >= target ? "met" : $"missed by {target - value:0.00} ({(target - value) / target:0%})";
    }

    public static double? MedianOf(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
