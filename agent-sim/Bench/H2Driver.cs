using System.Diagnostics;
using System.Net;

namespace Smp.AgentSim.Bench;

/// <summary>
/// An HTTP/2 load in this process, for what h2load cannot send (it repeats the same headers on every request):
/// a proof on each connection's first request, or a new proof on every request. Each connection is a
/// <see cref="SocketsHttpHandler"/> of its own speaking HTTP/2 with prior knowledge over cleartext (h2c), with
/// <c>streams</c> requests in flight on it; the first request of a connection goes alone, so the connection is
/// open (and, keep-alive, authenticated by its proof) before its streams start. Bounded in time: no request
/// starts after <c>seconds</c>, and one still waiting 5 s later is counted as a failure, as wrk's --timeout 5s.
/// </summary>
internal sealed class H2Driver(int connections, int streams) : IBenchDriver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public int Connections => connections;

    public int Streams => streams;

    public async Task<WrkResult> RunAsync(BenchTarget target, string? proofFile, int seconds, CancellationToken cancellationToken)
    {
        if (!target.Origin.IsLoopback)
        {
            throw new InvalidOperationException($"Target {target.Name} is not on loopback.");
        }

        if (target.Auth != BenchAuth.None && proofFile is null)
        {
            throw new ArgumentException($"Target {target.Name} sends proofs: a proof file is required.", nameof(proofFile));
        }

        H2ProofQueue? proofs = proofFile is null ? null
            : await H2ProofQueue.ReadAsync(proofFile, target.Auth == BenchAuth.EveryRequestReused, cancellationToken).ConfigureAwait(false);
        var run = new H2Run(target, proofs, new H2Tally(), Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(seconds) + Timeout);
        long started = Stopwatch.GetTimestamp();
        var work = new Task[connections];
        for (int c = 0; c < connections; c++)
        {
            work[c] = ConnectionAsync(run, stop.Token);
        }

        await Task.WhenAll(work).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return run.Tally.Result(Stopwatch.GetElapsedTime(started), run.Exhausted ? 1 : 0);
    }

    private async Task ConnectionAsync(H2Run run, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            EnableMultipleHttp2Connections = false,
            ConnectTimeout = Timeout,
            PooledConnectionIdleTimeout = Timeout.Multiply(4),
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        byte[] buffer = new byte[16 * 1024];
        if (!run.TryAuthorization(first: true, out string? authorization))
        {
            return;
        }

        await run.SendAsync(invoker, authorization, buffer, cancellationToken).ConfigureAwait(false);
        var work = new Task[streams];
        for (int s = 0; s < streams; s++)
        {
            work[s] = StreamAsync(run, invoker, s == 0 ? buffer : new byte[buffer.Length], cancellationToken);
        }

        await Task.WhenAll(work).ConfigureAwait(false);
    }

    private static async Task StreamAsync(H2Run run, HttpMessageInvoker invoker, byte[] buffer, CancellationToken cancellationToken)
    {
        // Yield first, so that the connection's streams start side by side.
        await Task.Yield();
        while (!run.Over && run.TryAuthorization(first: false, out string? authorization))
        {
            await run.SendAsync(invoker, authorization, buffer, cancellationToken).ConfigureAwait(false);
        }
    }
}
