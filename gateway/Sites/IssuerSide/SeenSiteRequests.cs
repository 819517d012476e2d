using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// The Site requests the Issuer has answered, by a digest of their signature, for as long as their
/// <c>ts</c> is inside the window: a request captured and sent again is refused (§10). The signature is
/// RSASSA-PKCS1-v1_5, deterministic, and its b64u spelling is canonical, so one body has one key.
/// The memory does not survive a restart, so a <c>ts</c> from before it began is refused (§10,
/// <see cref="NotBefore"/>): otherwise a request captured before a restart could be sent again after it.
/// </summary>
internal sealed class SeenSiteRequests(TimeProvider time)
{
    /// <summary>
    /// The first <c>ts</c> this memory answers (Unix seconds): the next whole second after it began, as an
    /// earlier process may have answered a request in this very second. Resolved when the app is built.
    /// </summary>
    public long NotBefore { get; } = time.GetUtcNow().ToUnixTimeSeconds() + 1;

    /// <summary>Beyond this many live entries a request is refused rather than the memory grown (500 a second for the whole window).</summary>
    public const int MaxEntries = 150_000;

    private readonly ConcurrentDictionary<UInt128, long> _seen = new();
    private long _nextSweep;

    /// <summary>False when the request was seen before (or the memory is full).</summary>
    public bool TryRemember(ReadOnlySpan<byte> signature, long ts)
    {
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        SweepIfDue(now);
        if (_seen.Count >= MaxEntries)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(signature, digest);
        var key = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(digest);
        return _seen.TryAdd(key, ts + (long)SiteHeaders.TsWindow.TotalSeconds);
    }

    private void SweepIfDue(long now)
    {
        long due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + 10, due) != due)
        {
            return;
        }

        foreach (var entry in _seen)
        {
            if (entry.Value < now)
            {
                _seen.TryRemove(entry);
            }
        }
    }
}
