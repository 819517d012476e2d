namespace Smp.Gateway.Acc;

/// <summary>
/// The shield's three steps in Lua, each atomic in Redis whatever node runs it, on Redis's own clock (<c>TIME</c>,
/// milliseconds) so that nodes' clocks do not matter. A password's hash holds <c>s</c> (<c>right</c> or
/// <c>wrong</c>) and <c>b</c>, when a bind last confirmed it; failures are scored by when they were recorded;
/// binds in flight by when they lapse.
/// </summary>
internal static class RedisShieldScripts
{
    private const string Clock = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """;

    // Returns 0 unknown, 1 right, 2 wrong; renews a right one (only up to @rightAtMost after its bind). A wrong one is
    // never renewed: it lapses @wrongFor after its bind, so that a password recorded wrong is bound again in time.
    private const string Standing = """
        local function standing(now)
          local e = redis.call('HMGET', @pw, 's', 'b')
          if e[1] == 'right' then
            if now - tonumber(e[2]) >= tonumber(@rightAtMost) then
              redis.call('DEL', @pw)
              return 0
            end
            redis.call('PEXPIRE', @pw, @rightFor)
            return 1
          elseif e[1] == 'wrong' then
            return 2
          end
          return 0
        end
        """;

    public const string Lookup = Clock + "\n" + Standing + "\n" + """
        return {standing(now), now}
        """;

    public const string Reserve = Clock + "\n" + Standing + "\n" + """
        local window = tonumber(@wrongFor)
        -- A bind that lapsed unanswered (its node died) may have been counted by the directory: count it too.
        local lapsed = redis.call('ZRANGEBYSCORE', @inflight, '-inf', now)
        for _, h in ipairs(lapsed) do
          redis.call('ZADD', @failures, now, h)
        end
        if #lapsed > 0 then
          redis.call('PEXPIRE', @failures, window)
        end
        redis.call('ZREMRANGEBYSCORE', @failures, '-inf', now - window)
        redis.call('ZREMRANGEBYSCORE', @inflight, '-inf', now)
        local known = standing(now)
        if known ~= 0 then
          return {0, known, 0, 0, now}
        end
        local counted
        if tonumber(@directoryFailures) >= 0 then
          counted = tonumber(@directoryFailures) + redis.call('ZCOUNT', @failures, @readAt, '+inf')
        else
          counted = redis.call('ZCARD', @failures)
        end
        local inflight = redis.call('ZCARD', @inflight)
        if counted + inflight < tonumber(@limit) then
          redis.call('ZADD', @inflight, now + tonumber(@hold), @holder)
          redis.call('PEXPIRE', @inflight, tonumber(@hold) + window)
          return {1, 0, 0, 0, now}
        end
        local oldest = redis.call('ZRANGE', @failures, 0, 0, 'WITHSCORES')
        local retry = 1000
        if oldest[2] then
          retry = tonumber(oldest[2]) + window - now
        end
        return {0, 0, inflight, retry, now}
        """;

    // @result: 'right', 'wrong', 'unknown' (no answer: the directory may have counted it, so it counts as a failure,
    // but nothing is learned about the password) or '' (an account state: nothing learned, nothing counted).
    public const string Release = Clock + "\n" + """
        redis.call('ZREM', @inflight, @holder)
        if @result == 'right' then
          redis.call('HSET', @pw, 's', 'right', 'b', now)
          redis.call('PEXPIRE', @pw, @rightFor)
          -- Only failures before this bind was reserved: wrong binds the directory processed after it still count.
          redis.call('ZREMRANGEBYSCORE', @failures, '-inf', '(' .. @reservedAt)
        elseif @result == 'wrong' then
          redis.call('HSET', @pw, 's', 'wrong', 'b', now)
          redis.call('PEXPIRE', @pw, @wrongFor)
          redis.call('ZADD', @failures, now, @holder)
          redis.call('PEXPIRE', @failures, @wrongFor)
        elseif @result == 'unknown' then
          redis.call('ZADD', @failures, now, @holder)
          redis.call('PEXPIRE', @failures, @wrongFor)
        end
        return 1
        """;
}
