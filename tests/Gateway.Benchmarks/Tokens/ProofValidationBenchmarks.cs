using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Benchmarks.Tokens;

/// <summary>
/// Proof validation beside the one RSA-2048 verify it cannot avoid (the agent's signature), in the same
/// run. "Seen before": the token's server signature is remembered. "First sight": nothing is remembered,
/// so the server signature is verified too. The proofs cycle through a pool signed before the run: after
/// the first pass the registry answers "replay", at the same cost as "accepted" (one atomic step).
/// </summary>
[MemoryDiagnoser]
public class ProofValidationBenchmarks
{
    private const int Pool = 2048;
    private BenchPipeline _seen = null!, _first = null!;
    private string[] _seenProofs = null!, _firstProofs = null!;
    private byte[] _signedBytes = null!, _signature = null!;
    private RSA _verifier = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_seen, _seenProofs) = await PrepareAsync(rememberVerifiedSignatures: true);
        (_first, _firstProofs) = await PrepareAsync(rememberVerifiedSignatures: false);
        string proof = _seenProofs[0];
        int lastDot = proof.LastIndexOf('.');
        _signedBytes = Encoding.ASCII.GetBytes(proof[..lastDot]);
        _signature = Jose.Base64Url.Decode(proof.AsSpan(lastDot + 1))!;
        _verifier = RSA.Create();
        _verifier.ImportParameters(_seen.AgentRsa.ExportParameters(false));
        // Measure the path of an accepted proof, not an early refusal.
        foreach (var (pipeline, proofs) in new[] { (_seen, _seenProofs), (_first, _firstProofs) })
        {
            int status = (await pipeline.Validator.ValidateAsync(proofs[0], default)).Status;
            var again = await pipeline.Validator.ValidateAsync(proofs[0], default);
            if (status != 200 || again.Error != NsError.Replay)
            {
                throw new InvalidOperationException($"the benchmark's proofs are refused ({status}, then {again.Error}): it would measure a refusal");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _seen.Dispose();
        _first.Dispose();
        _verifier.Dispose();
    }

    [Benchmark(Baseline = true, Description = "one RSA-2048 verify")]
    public bool RsaVerify() => _verifier.VerifyData(_signedBytes, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "proof, token seen before")]
    public async ValueTask<int> SeenBefore() => (await _seen.Validator.ValidateAsync(_seenProofs[Next()], default)).Status;

    [Benchmark(Description = "proof, first sight of the token")]
    public async ValueTask<int> FirstSight() => (await _first.Validator.ValidateAsync(_firstProofs[Next()], default)).Status;

    private int Next() => (int)((uint)Interlocked.Increment(ref _next) % Pool);

    private static async Task<(BenchPipeline, string[])> PrepareAsync(bool rememberVerifiedSignatures)
    {
        var pipeline = new BenchPipeline(rememberVerifiedSignatures);
        var agent = await pipeline.EnrollAsync();
        string uid = "bench-uid-0123456789";
        var token = pipeline.Issuer.GetOrIssue(agent, uid, "bench", out _)!;
        return (pipeline, pipeline.Proofs(token.Text, uid, Pool));
    }
}
