using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;
using Smp.Gateway.Replay;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Fuzz;

/// <summary>
/// The configured gateway the proof target validates against, built without a host: a fixed clock,
/// one server signing key, one active and one revoked agent, one revoked token. The keys are
/// throwaway fuzz-only keys committed under keys/, so that the corpus holds proofs that pass.
/// </summary>
internal sealed class FuzzWorld
{
    /// <summary>2026-01-01T00:00:00Z: every token of the corpus is issued one second later.</summary>
    public const long Now = 1_767_225_600;
    public const string Audience = "https://gateway.fuzz.invalid";
    public const string ActiveAgent = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    public const string RevokedAgent = "9b2c6d1e-0a3f-4e5d-8c7b-6a5f4e3d2c1b";
    public const string RevokedJti = "cmV2b2tlZC10b2tlbi1qdGk";

    public FuzzWorld(string keyFolder)
    {
        ServerRsa = LoadKey(Path.Combine(keyFolder, "server.pem"));
        AgentRsa = LoadKey(Path.Combine(keyFolder, "agent.pem"));
        ServerKey = new ServerKey(ServerRsa, canSign: true);
        Ring = new ServerKeyRing(ServerKey, []);
        Time = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));
        Options = new FixedOptionsMonitor<GatewayOptions>(new GatewayOptions { Audience = Audience });
        AgentJwk = RsaJwk.FromParameters(AgentRsa.ExportParameters(false));
        var active = new Agent(ActiveAgent, AgentJwk, AgentStatus.Active);
        var revoked = new Agent(RevokedAgent, AgentJwk, AgentStatus.Revoked);
        Store = new FuzzAgentStore(
            new Dictionary<string, Agent>(StringComparer.Ordinal) { [ActiveAgent] = active, [RevokedAgent] = revoked },
            new HashSet<string>(StringComparer.Ordinal) { RevokedJti });
    }

    public RSA ServerRsa { get; }
    public RSA AgentRsa { get; }
    public ServerKey ServerKey { get; }
    public ServerKeyRing Ring { get; }
    public RsaJwk AgentJwk { get; }
    public FixedTimeProvider Time { get; }
    public FixedOptionsMonitor<GatewayOptions> Options { get; }
    public FuzzAgentStore Store { get; }

    /// <summary>The default folder: keys/ next to the harness.</summary>
    public static string DefaultKeyFolder => Path.Combine(AppContext.BaseDirectory, "keys");

    /// <summary>
    /// A validator with a fresh replay registry and signature cache, so an input's path never depends
    /// on the inputs before it (AFL counts such paths as unstable).
    /// </summary>
    public ProofValidator NewValidator()
    {
        var registry = new MemoryReplayRegistry(Time, Options);
        return new(Ring, new VerifiedSignatureCache(Options, Time), Store, registry, Options, Time, new NoKeyRefresh(), new GatewayMetrics(Meters));
    }

    // Metrics go nowhere here; the validator only needs somewhere to record them.
    private static readonly IMeterFactory Meters =
        new ServiceCollection().AddMetrics().BuildServiceProvider()
            .GetService(typeof(IMeterFactory)) as IMeterFactory ?? throw new InvalidOperationException("no meter factory");

    private static RSA LoadKey(string path)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return rsa;
    }
}
