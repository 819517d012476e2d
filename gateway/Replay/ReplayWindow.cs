namespace Smp.Gateway.Replay;

/// <summary>
/// The sliding window of §9 for one token: the highest counter <c>M</c> seen and a bitmap of the
/// <c>W</c> counters up to and including <c>M</c> (bit 0 is <c>M</c>). The same arithmetic as IPsec's
/// anti-replay window (RFC 4303 §3.4.3), with counters that never wrap (they stop at 2^53 - 1).
/// </summary>
internal struct ReplayWindow
{
    public long Highest;
    public ulong Seen;

    /// <summary>Accepts <paramref name="counter"/> once, updating the window; false for a replay or a counter too old.</summary>
    public bool TryAccept(long counter, int width)
    {
        if (counter > Highest)
        {
            long shift = counter - Highest;
            Seen = shift >= width ? 1UL : (Seen << (int)shift) | 1UL;
            Highest = counter;
            Seen &= Mask(width);
            return true;
        }

        long back = Highest - counter;
        if (back >= width)
        {
            return false;
        }

        ulong bit = 1UL << (int)back;
        if ((Seen & bit) != 0)
        {
            return false;
        }

        Seen |= bit;
        return true;
    }

    private static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
}
