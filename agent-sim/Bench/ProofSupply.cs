using System.Text;
using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Bench;

/// <summary>
/// Proofs signed before the timed part: agents enrolled through the gateway with its enrollment
/// secret, a token each (hello, then a first proof, by <see cref="SmpTokenHandler"/>), then proofs
/// with counters that only grow, written to files one per line. Lines take the agents in turn, so
/// the requests wrk has in flight at once belong to different agents and arrive in counter order
/// for each. The files hold credentials: they live in the run's temporary folder only.
/// </summary>
internal sealed class ProofSupply : IDisposable
{
    private const int ChunkLines = 8192;

    private readonly AgentIdentity[] _identities;
    private readonly IssuedToken[] _tokens;
    private readonly long[] _counters;

    private ProofSupply(AgentIdentity[] identities, IssuedToken[] tokens, long[] counters)
    {
        _identities = identities;
        _tokens = tokens;
        _counters = counters;
    }

    public int Agents => _identities.Length;

    /// <summary>Proofs written so far, over every file.</summary>
    public long Written { get; private set; }

    public static async Task<ProofSupply> CreateAsync(
        Uri gateway, string secret, string keyFolder, int agents, string probePath, CancellationToken cancellationToken)
    {
        AgentIdentity[] identities = [.. await Task.Run(() => AgentKeyCache.LoadOrCreate(keyFolder, agents, cancellationToken), cancellationToken).ConfigureAwait(false)];
        var tokens = new IssuedToken[agents];
        var counters = new long[agents];
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var enrollment = new EnrollmentClient(http);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, agents), parallel, async (i, ct) =>
            {
                EnrollmentResult enrolled = await enrollment.EnrollAsync(gateway, secret, identities[i], ct).ConfigureAwait(false);
                using ServerKeySet keys = enrolled.ServerKeys;
                var store = new TokenStore();
                using HttpClient agent = SmpAgentClient.Create(identities[i], store, keys, TimeProvider.System);
                using HttpResponseMessage answer = await agent.GetAsync(new Uri(gateway, probePath), ct).ConfigureAwait(false);
                ServerCredential credential = store.For(gateway);
                if (!answer.IsSuccessStatusCode || credential.Token is null)
                {
                    throw new InvalidOperationException($"Agent {identities[i].AgentId} got no token: the gateway answered {(int)answer.StatusCode}.");
                }

                tokens[i] = credential.Token;
                counters[i] = credential.Counter;
            }).ConfigureAwait(false);
        }
        catch
        {
            foreach (AgentIdentity identity in identities)
            {
                identity.Dispose();
            }

            throw;
        }

        return new ProofSupply(identities, tokens, counters);
    }

    /// <summary>Writes <paramref name="count"/> proofs never handed out before to <paramref name="path"/>, signing on every core.</summary>
    public void WriteFile(string path, int count, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        var lines = new string[ChunkLines];
        for (int done = 0; done < count;)
        {
            int chunk = Math.Min(ChunkLines, count - done);
            var parallel = new ParallelOptions { CancellationToken = cancellationToken };
            // One agent per worker: an agent's key signs for one caller at a time.
            Parallel.For(0, Agents, parallel, a =>
            {
                for (int line = a; line < chunk; line += Agents)
                {
                    lines[line] = ProofBuilder.Build(_identities[a], new ProofTicket(_tokens[a], ++_counters[a]));
                }
            });
            for (int line = 0; line < chunk; line++)
            {
                writer.Write(lines[line]);
                writer.Write('\n');
                lines[line] = string.Empty;
            }

            done += chunk;
        }

        Written += count;
    }

    public void Dispose()
    {
        foreach (AgentIdentity identity in _identities)
        {
            identity.Dispose();
        }
    }
}
