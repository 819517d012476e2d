using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.Replay;
using Smp.Gateway.State;
using Smp.Gateway.Tests.Infrastructure;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Benchmarks.Tokens;

/// <summary>
/// The gateway's own validation and issuance objects, wired as the host wires them, with the embedded
/// stores in a temporary folder; and an agent that makes proofs for them.
/// </summary>
internal sealed class BenchPipeline : IDisposable
{
    public const string Audience = "https://ns.example.com";
    private readonly TempFolder _folder = new();

    public BenchPipeline(bool rememberVerifiedSignatures = true)
    {
        var options = new GatewayOptions { Audience = Audience, DataDirectory = _folder.Path };
        options.RateLimits.TokensPerAgentPerMinute = int.MaxValue;
        options.RateLimits.TokensPerSourcePerMinute = int.MaxValue;
        if (!rememberVerifiedSignatures)
        {
            options.Tokens.MaxCachedTokens = 0;
        }

        var monitor = new StaticOptionsMonitor(options);
        ServerRsa = RSA.Create(2048);
        Keys = new ServerKeyRing(new ServerKey(ServerRsa, canSign: true), []);
        Store = new SqliteAgentStore(new SqliteDatabase(Options.Create(options), TimeProvider.System), TimeProvider.System);
        Store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        Registry = new MemoryReplayRegistry(TimeProvider.System, monitor);
        var metrics = new GatewayMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        Validator = new ProofValidator(Keys, new VerifiedSignatureCache(monitor, TimeProvider.System), Store, Registry, monitor, TimeProvider.System, new NoKeyRefresh(), metrics);
        Issuer = new TokenIssuer(Keys, new EpochZero(), new IssuedTokenCache(monitor, TimeProvider.System),
            new IssuanceLimiter(monitor), monitor, TimeProvider.System, metrics, NullLoggerFactory.Instance);
        AgentRsa = RSA.Create(2048);
        AgentId = Guid.NewGuid().ToString("D");
    }

    public string DataDirectory => _folder.Path;
    public RSA ServerRsa { get; }
    public RSA AgentRsa { get; }
    public string AgentId { get; }
    public ServerKeyRing Keys { get; }
    public SqliteAgentStore Store { get; }
    public MemoryReplayRegistry Registry { get; }
    public ProofValidator Validator { get; }
    public TokenIssuer Issuer { get; }

    public async Task<Agent> EnrollAsync()
    {
        // As the host does before it serves: tokens issued before the registry's epoch are stale.
        var wait = DateTimeOffset.FromUnixTimeSeconds(Registry.EpochStart) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var jwk = RsaJwk.FromParameters(AgentRsa.ExportParameters(false));
        await Store.EnrollAsync(AgentId, jwk, AgentStatus.Active, default);
        return (await Store.FindAsync(AgentId, default))!;
    }

    /// <summary>Proofs with counters 1..count on one token, signed before the measurement.</summary>
    public string[] Proofs(string token, string uid, int count) =>
        Enumerable.Range(1, count).AsParallel().AsOrdered().Select(n =>
        {
            string signed = token + "." + Base64Url.Encode(Encoding.UTF8.GetBytes($"{{\"uid\":\"{uid}\",\"ctr\":{n}}}"));
            return signed + "." + Base64Url.Encode(AgentRsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }).ToArray();

    public void Dispose()
    {
        ServerRsa.Dispose();
        AgentRsa.Dispose();
        _folder.Dispose();
    }

    /// <summary>The issuer asks the registry only for its epoch; tokens here are issued after it.</summary>
    private sealed class EpochZero : IReplayRegistry
    {
        public long EpochStart => 0;

        public ValueTask<ReplayDecision> TryAcceptAsync(string jti, long counter, long keepUntil, CancellationToken cancellationToken) =>
            throw new NotSupportedException("issuance never checks counters");
    }
}
