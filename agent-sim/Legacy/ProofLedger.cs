using System.Collections.Concurrent;

namespace Smp.AgentSim.Legacy;

/// <summary>
/// What the legacy server was given, as <c>agent-sim cluster</c> counts it: each proof by the
/// <c>X-SMP-Proof-Id</c> the gateway forwards (<c>jti:ctr</c>, PROTOCOL.md §12), so a proof the
/// nodes accepted twice shows as a double, and when each agent was last served.
/// </summary>
internal sealed class ProofLedger(TimeProvider? timeProvider = null)
{
    public const string ProofIdHeader = "X-SMP-Proof-Id";
    private const int MaxSamples = 5;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly long _started = (timeProvider ?? TimeProvider.System).GetTimestamp();
    private readonly ConcurrentDictionary<string, byte> _proofs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _lastServed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _doubleSamples = new();
    private long _doubles;
    private long _withoutProof;

    /// <summary>Distinct proofs seen.</summary>
    public long Proofs => _proofs.Count;

    /// <summary>Requests whose proof was seen before: each one a proof accepted twice.</summary>
    public long Doubles => Interlocked.Read(ref _doubles);

    /// <summary>Token-authenticated requests that came without a proof id: doubles among them would go unseen.</summary>
    public long WithoutProof => Interlocked.Read(ref _withoutProof);

    /// <summary>Up to five proof ids seen twice (a <c>jti</c> and a counter: no credential).</summary>
    public IReadOnlyList<string> DoubleSamples => _doubleSamples.ToArray();

    /// <summary>Time since the ledger was made; the clock of <see cref="LastServed"/>.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>When <paramref name="agentId"/> was last served, on the clock of <see cref="Elapsed"/>; null if never.</summary>
    public TimeSpan? LastServed(string agentId) => _lastServed.TryGetValue(agentId, out TimeSpan at) ? at : null;

    /// <summary>Records one request that passed the identity gate.</summary>
    public void Record(HttpRequest request)
    {
        if (request.Headers[LegacyIdentityGate.AuthHeader] != "Token")
        {
            return;
        }

        if (request.Headers[LegacyIdentityGate.AgentHeader].ToString() is { Length: > 0 } agent)
        {
            _lastServed[agent] = Elapsed;
        }

        string proof = request.Headers[ProofIdHeader].ToString();
        if (proof.Length == 0)
        {
            Interlocked.Increment(ref _withoutProof);
        }
        else if (!_proofs.TryAdd(proof, 0) && Interlocked.Increment(ref _doubles) <= MaxSamples)
        {
            _doubleSamples.Enqueue(proof);
        }
    }
}
