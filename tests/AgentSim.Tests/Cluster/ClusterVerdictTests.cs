using Smp.AgentSim.Cluster;
using Smp.AgentSim.Tests.Report;

namespace Smp.AgentSim.Tests.Cluster;

public sealed class ClusterVerdictTests
{
    private static readonly FaultWindow Kill = new(FaultKind.NodeKilled, "node0 killed", TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(24));

    [Theory]
    [InlineData("none", true, "")]
    [InlineData("double", false, "accepted twice")]
    [InlineData("without-proof-id", false, "without X-SMP-Proof-Id")]
    [InlineData("revoked-served", false, "revoked agents served")]
    [InlineData("revoked-served-at-legacy", false, "revoked agents served")]
    [InlineData("error-outside", false, "outside the fault windows")]
    [InlineData("gave-up", false, "after every retry")]
    [InlineData("not-recovered", false, "throughput not back")]
    public void Of_OneFlaw_FailsNamingIt(string flaw, bool passed, string named)
    {
        ClusterResult result = flaw switch
        {
            "double" => Clean() with { Doubles = 1, DoubleSamples = ["jti:1"] },
            "without-proof-id" => Clean() with { WithoutProofId = 1 },
            "revoked-served" => Clean() with { RevokedServed = 1 },
            "revoked-served-at-legacy" => Clean() with { RevokedServedAtLegacy = 1 },
            "error-outside" => Clean() with { ErrorsOutside = 1, ErrorsOutsideSamples = ["40.0 s: 502"] },
            "gave-up" => Clean() with { GaveUp = 1 },
            "not-recovered" => Clean() with { Recoveries = [new FaultRecovery(Kill, 100, 31)] },
            _ => Clean(),
        };

        ClusterVerdict verdict = result.Verdict;

        Assert.Equal(passed, verdict.Passed);
        Assert.Equal(passed ? 0 : 1, verdict.Failures.Count);
        Assert.Contains(named, string.Join("\n", verdict.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(19.9, false)]
    [InlineData(20.0, true)]
    [InlineData(28.9, true)]
    [InlineData(29.1, false)]
    public void Covers_AroundTheWindowAndItsGrace_OnlyInside(double seconds, bool covered) =>
        Assert.Equal(covered, Kill.Covers(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Covers_Revocation_NeverAnExcuseForErrors() =>
        Assert.False(new FaultWindow(FaultKind.AgentsRevoked, "revoked", TimeSpan.Zero, TimeSpan.FromSeconds(60)).Covers(TimeSpan.FromSeconds(1)));

    [Fact]
    public void Of_ThroughputDipsThenReturns_SecondsFromTheFaultsEnd()
    {
        // 100/s for 20 s, nothing while the node is down, 50/s (under 70 %) for 2 s, then 80/s.
        long[] perSecond = [.. Enumerable.Repeat(100L, 20), 0, 0, 0, 0, 50, 50, .. Enumerable.Repeat(80L, 10)];

        FaultRecovery recovery = FaultRecovery.Of(Kill, perSecond);

        Assert.Equal(100, recovery.Level);
        Assert.Equal(3, recovery.SecondsBack);
        Assert.True(recovery.Recovered);
    }

    [Fact]
    public void Of_ThroughputNeverReturns_NotRecovered()
    {
        long[] perSecond = [.. Enumerable.Repeat(100L, 20), .. Enumerable.Repeat(10L, 40)];

        FaultRecovery recovery = FaultRecovery.Of(Kill, perSecond);

        Assert.Null(recovery.SecondsBack);
        Assert.False(recovery.Recovered);
    }

    private static ClusterResult Clean() => new()
    {
        Load = SyntheticRun.Summary(),
        Nodes = 3,
        Faults = [Kill],
        Recoveries = [new FaultRecovery(Kill, 100, 2)],
        ErrorsInFaults = 40,
        ErrorsOutside = 0,
        ErrorsOutsideSamples = [],
        Proofs = 1_000,
        Doubles = 0,
        WithoutProofId = 0,
        Revoked = 5,
        RevokedServed = 0,
        RevokedServedAtLegacy = 0,
        RevokedRefused = 5,
        GaveUp = 0,
        Memory = [new NodeMemory("node0", 120, 130, 1)],
    };
}
