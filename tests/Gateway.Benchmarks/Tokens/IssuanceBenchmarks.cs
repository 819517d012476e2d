using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Smp.Gateway.Agents;

namespace Smp.Gateway.Benchmarks.Tokens;

/// <summary>
/// A hello answered with a new token (a new <c>uid</c> each time, so nothing is reused) beside the raw
/// RS256 signature it costs, in the same run; and a hello answered with the token already held.
/// </summary>
[MemoryDiagnoser]
public class IssuanceBenchmarks
{
    private BenchPipeline _pipeline = null!;
    private Agent _agent = null!;
    private byte[] _signingInput = null!;
    private long _uid;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _pipeline = new BenchPipeline();
        _agent = await _pipeline.EnrollAsync();
        string token = _pipeline.Issuer.GetOrIssue(_agent, "bench-uid-0123456789", "bench", out _)!.Text;
        _signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline.Dispose();

    [Benchmark(Baseline = true, Description = "raw RS256 signature")]
    public byte[] RawSignature() => _pipeline.ServerRsa.SignData(_signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "hello, new token")]
    public string NewToken() => _pipeline.Issuer.GetOrIssue(_agent, "bench-uid-" + Interlocked.Increment(ref _uid).ToString("D12"), "bench", out _)!.Text;

    [Benchmark(Description = "hello, token held")]
    public string HeldToken() => _pipeline.Issuer.GetOrIssue(_agent, "bench-uid-0123456789", "bench", out _)!.Text;
}
