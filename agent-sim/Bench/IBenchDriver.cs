namespace Smp.AgentSim.Bench;

/// <summary>A load generator <c>bench</c> measures a target with: wrk over HTTP/1.1, <see cref="H2Driver"/> or h2load over HTTP/2.</summary>
internal interface IBenchDriver
{
    /// <summary>Loads <paramref name="target"/> for <paramref name="seconds"/>, its proofs (if it sends any) one per line of <paramref name="proofFile"/>.</summary>
    Task<WrkResult> RunAsync(BenchTarget target, string? proofFile, int seconds, CancellationToken cancellationToken);
}
