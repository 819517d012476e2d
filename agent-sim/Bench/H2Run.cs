using System.Diagnostics;
using System.Net;

namespace Smp.AgentSim.Bench;

/// <summary>
/// One <see cref="H2Driver"/> run: its target, proofs and tally, shared by every stream of every connection. Each
/// request carries the identity headers wrk's do (<see cref="WrkScript.IdentityHeaders"/>) and, as
/// <see cref="BenchTarget.Auth"/> says, a proof.
/// </summary>
internal sealed class H2Run(BenchTarget target, H2ProofQueue? proofs, H2Tally tally, long endTimestamp)
{
    private readonly Uri _url = target.Url;
    private volatile bool _exhausted;

    public H2Tally Tally => tally;

    /// <summary>Whether the fresh proofs ran out: the run stopped there rather than measure refusals.</summary>
    public bool Exhausted => _exhausted;

    /// <summary>The time is up, or the proofs ran out: no request starts any more.</summary>
    public bool Over => _exhausted || Stopwatch.GetTimestamp() >= endTimestamp;

    /// <summary>The <c>Authorization</c> of the next request (null: none); false when a proof is due and none is left.</summary>
    public bool TryAuthorization(bool first, out string? authorization)
    {
        authorization = null;
        bool due = target.Auth switch
        {
            BenchAuth.FirstPerConnection => first,
            BenchAuth.EveryRequest or BenchAuth.EveryRequestReused => true,
            _ => false,
        };
        if (!due)
        {
            return true;
        }

        if (proofs!.TryNext(out string value))
        {
            authorization = value;
            return true;
        }

        _exhausted = true;
        return false;
    }

    public async Task SendAsync(HttpMessageInvoker invoker, string? authorization, byte[] buffer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("X-SMP-Identity", "_SMP_IUSR");
        request.Headers.TryAddWithoutValidation("X-SMP-Auth", "Token");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            using HttpResponseMessage response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                while (await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                    // The answer is read whole, as wrk reads it, and not kept.
                }
            }

            tally.Answer((int)response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            tally.Failure();
        }
    }
}
