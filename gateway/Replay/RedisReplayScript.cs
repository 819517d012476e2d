namespace Smp.Gateway.Replay;

/// <summary>
/// <see cref="ReplayWindow"/>'s arithmetic in Lua, for <see cref="RedisReplayRegistry"/>. The entry is a
/// hash: <c>m</c>, the highest counter, and the 64-bit bitmap as two 32-bit halves <c>lo</c> (bits 0-31,
/// bit 0 is <c>m</c>) and <c>hi</c> (bits 32-63). Lua numbers are doubles: counters (at most 2^53 - 1)
/// and their differences are exact, but 64-bit bitmaps are not, hence the halves and the <c>bit</c>
/// library on each (its results are signed 32-bit values; stored as such). <c>m</c> is stored as the
/// counter's own decimal text, never a Lua number, which Redis could print in exponent form. It answers 2,
/// checking nothing, when the registry's epoch is not the node's (<c>@epoch</c>): Redis lost its data.
/// </summary>
internal static class RedisReplayScript
{
    /// <summary>
    /// <see cref="Text"/> after an epoch check, for a Redis that is not a cluster: in a cluster the epoch key
    /// lives in another slot than the token's, and a script may not touch both (the node's once-a-second look at
    /// the epoch covers that case).
    /// </summary>
    public const string WithEpoch = """
        if redis.call('GET', @epochKey) ~= @epoch then
          return 2
        end
        """ + "\n" + Text;

    public const string Text = """
        local c = tonumber(@counter)
        local w = tonumber(@width)
        local e = redis.call('HMGET', @key, 'm', 'lo', 'hi')
        local m = tonumber(e[1]) or 0
        local lo = tonumber(e[2]) or 0
        local hi = tonumber(e[3]) or 0
        if c > m then
          local s = c - m
          if s >= w then
            lo = 1
            hi = 0
          else
            if s >= 32 then
              hi = bit.lshift(lo, s - 32)
              lo = 0
            else
              hi = bit.bor(bit.lshift(hi, s), bit.rshift(lo, 32 - s))
              lo = bit.lshift(lo, s)
            end
            lo = bit.bor(lo, 1)
          end
          if w < 32 then
            hi = 0
            lo = bit.band(lo, bit.rshift(-1, 32 - w))
          elseif w == 32 then
            hi = 0
          elseif w < 64 then
            hi = bit.band(hi, bit.rshift(-1, 64 - w))
          end
          redis.call('HSET', @key, 'm', @counter, 'lo', lo, 'hi', hi)
          redis.call('EXPIREAT', @key, @keepUntil)
          return 1
        end
        local b = m - c
        if b >= w then
          return 0
        end
        if b < 32 then
          local f = bit.lshift(1, b)
          if bit.band(lo, f) ~= 0 then
            return 0
          end
          lo = bit.bor(lo, f)
        else
          local f = bit.lshift(1, b - 32)
          if bit.band(hi, f) ~= 0 then
            return 0
          end
          hi = bit.bor(hi, f)
        end
        redis.call('HSET', @key, 'lo', lo, 'hi', hi)
        return 1
        """;
}
