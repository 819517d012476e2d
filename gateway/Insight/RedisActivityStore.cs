using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.State;
using StackExchange.Redis;

namespace Smp.Gateway.Insight;

/// <summary>
/// The activity in the shared Redis, under <c>{prefix}:activity:*</c>: a hash per agent, per ACC source and per day's
/// methods. A flush is one pipelined batch; counts are HINCRBY, so nodes add up. Kept <see cref="Retention"/> after the last write.
/// </summary>
internal sealed class RedisActivityStore(RedisConnection redis) : IActivityStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);
    private const string DayField = "d:";

    public Task WriteAsync(ActivityBatch batch, CancellationToken cancellationToken) =>
        redis.CallAsync(async db =>
        {
            var write = db.CreateBatch();
            var pending = new List<Task>();
            foreach (var a in batch.Agents)
            {
                RedisKey key = redis.Keys.ActivityAgent(a.AgentId);
                pending.Add(write.HashSetAsync(key, "first_seen", a.FirstSeen, When.NotExists));
                pending.Add(write.HashSetAsync(key,
                [
                    new("last_seen", a.LastSeen), new("method", a.Method), new("address", a.Address ?? ""), new("user_agent", a.UserAgent ?? ""),
                ]));
                pending.Add(write.KeyExpireAsync(key, Retention));
            }

            foreach (var s in batch.AccSources)
            {
                RedisKey key = redis.Keys.ActivityAcc(SourceDigest(s));
                pending.Add(write.HashSetAsync(key,
                [
                    new("account", s.Account), new("address", s.Address), new("user_agent", s.UserAgent), new("route", s.Route),
                    new("acc_only", s.AccOnly ? 1 : 0), new("last_seen", s.LastSeen),
                ]));
                pending.Add(write.HashIncrementAsync(key, DayField + s.Day.ToString(CultureInfo.InvariantCulture), s.Count));
                pending.Add(write.KeyExpireAsync(key, Retention));
            }

            foreach (var m in batch.Methods)
            {
                RedisKey key = redis.Keys.ActivityMethods(m.Day);
                pending.Add(write.HashIncrementAsync(key, m.Method, m.Count));
                pending.Add(write.KeyExpireAsync(key, Retention));
            }

            write.Execute();
            await Task.WhenAll(pending);
            return true;
        }, "an activity flush");

    public Task<IReadOnlyList<AgentActivity>> ReadAgentsAsync(CancellationToken cancellationToken) =>
        ScanAsync<AgentActivity>(redis.Keys.ActivityAgentPattern, (key, h) =>
        {
            string id = key.ToString();
            int open = id.LastIndexOf('{');
            return [new AgentActivity(id[(open + 1)..^1], Long(h, "first_seen"), Long(h, "last_seen"), Text(h, "method"), NullIfEmpty(Text(h, "address")), NullIfEmpty(Text(h, "user_agent")))];
        }, cancellationToken);

    public Task<IReadOnlyList<AccSourceDay>> ReadAccSourcesAsync(CancellationToken cancellationToken) =>
        ScanAsync(redis.Keys.ActivityAccPattern, (_, h) =>
        {
            string account = Text(h, "account"), address = Text(h, "address"), ua = Text(h, "user_agent"), route = Text(h, "route");
            bool only = Long(h, "acc_only") != 0;
            long last = Long(h, "last_seen");
            return h.Where(e => e.Key.StartsWith(DayField, StringComparison.Ordinal))
                .Select(e => new AccSourceDay(account, address, ua, route, only, long.Parse(e.Key[DayField.Length..], CultureInfo.InvariantCulture), long.Parse(e.Value, CultureInfo.InvariantCulture), last));
        }, cancellationToken);

    public Task<IReadOnlyList<MethodDay>> ReadMethodsAsync(CancellationToken cancellationToken) =>
        ScanAsync(redis.Keys.ActivityMethodsPattern, (key, h) =>
        {
            string k = key.ToString();
            long day = long.Parse(k[(k.LastIndexOf('{') + 1)..^1], CultureInfo.InvariantCulture);
            return h.Select(e => new MethodDay(day, e.Key, long.Parse(e.Value, CultureInfo.InvariantCulture)));
        }, cancellationToken);

    private static string SourceDigest(AccSourceDay s) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{s.Account}\n{s.Address}\n{s.UserAgent}\n{s.Route}")).AsSpan(0, 16));

    private async Task<IReadOnlyList<T>> ScanAsync<T>(RedisValue pattern, Func<RedisKey, Dictionary<string, string>, IEnumerable<T>> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await redis.CallAsync(async db =>
        {
            await foreach (var key in db.ScanAsync(pattern, cancellationToken))
            {
                var entries = await db.HashGetAllAsync(key);
                if (entries.Length > 0)
                {
                    rows.AddRange(read(key, entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal)));
                }
            }

            return true;
        }, "an activity report");
        return rows;
    }

    private static string Text(Dictionary<string, string> h, string field) => h.TryGetValue(field, out var v) ? v : "";

    private static long Long(Dictionary<string, string> h, string field) =>
        h.TryGetValue(field, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out long n) ? n : 0;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
