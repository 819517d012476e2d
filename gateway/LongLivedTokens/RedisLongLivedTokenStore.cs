using Smp.Gateway.State;
using StackExchange.Redis;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>
/// Long-lived tokens in the shared Redis: one hash per token, by id, and one key from the digest of its secret
/// to its id. A Redis failure throws <see cref="StateUnavailableException"/>.
/// </summary>
internal sealed class RedisLongLivedTokenStore(RedisConnection redis) : ILongLivedTokenStore
{
    private static readonly RedisValue[] Fields = ["id", "kind", "name", "paths", "digest", "created_at", "expires_at", "revoked"];

    public Task AddAsync(LongLivedToken token, CancellationToken cancellationToken) => redis.CallAsync(async db =>
    {
        // The hash first: a digest key never points at nothing.
        await db.HashSetAsync(redis.Keys.LongLivedToken(token.Id),
        [
            new("id", token.Id), new("kind", (int)token.Kind), new("name", token.Name), new("paths", token.PathsText),
            new("digest", Convert.ToHexStringLower(token.Digest)), new("created_at", token.CreatedAt),
            new("expires_at", token.ExpiresAt is { } exp ? exp : RedisValue.EmptyString), new("revoked", token.Revoked ? 1 : 0),
        ]);
        return await db.StringSetAsync(redis.Keys.LongLivedTokenDigest(Convert.ToHexStringLower(token.Digest)), token.Id, when: When.NotExists);
    }, "a long-lived token issue");

    public Task<LongLivedToken?> FindAsync(byte[] digest, CancellationToken cancellationToken) => redis.CallAsync(async db =>
    {
        var id = await db.StringGetAsync(redis.Keys.LongLivedTokenDigest(Convert.ToHexStringLower(digest)));
        return id.IsNull ? null : Read(await db.HashGetAsync(redis.Keys.LongLivedToken(id!), Fields));
    }, "a long-lived token lookup");

    public Task<IReadOnlyList<LongLivedToken>> ListAsync(CancellationToken cancellationToken) => redis.CallAsync(async db =>
    {
        var tokens = new List<LongLivedToken>();
        await foreach (var key in db.ScanAsync(redis.Keys.LongLivedTokenPattern, cancellationToken))
        {
            if (Read(await db.HashGetAsync(key, Fields)) is { } token)
            {
                tokens.Add(token);
            }
        }

        return (IReadOnlyList<LongLivedToken>)tokens.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
    }, "a long-lived token listing");

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        RedisKey key = redis.Keys.LongLivedToken(id);
        return redis.CallAsync(db =>
        {
            var update = db.CreateTransaction();
            update.AddCondition(Condition.KeyExists(key));
            _ = update.HashSetAsync(key, "revoked", 1);
            return update.ExecuteAsync();
        }, "a long-lived token revocation");
    }

    private static LongLivedToken? Read(RedisValue[] v)
    {
        if (v[0].IsNull || !v[1].TryParse(out int kind) || v[4].IsNull || !v[5].TryParse(out long created))
        {
            return null;
        }

        long? expires = v[6].TryParse(out long exp) ? exp : null;
        return new LongLivedToken(v[0]!, (LongLivedTokenKind)kind, (string?)v[2] ?? string.Empty, LongLivedToken.ParsePaths((string?)v[3] ?? string.Empty),
            Convert.FromHexString((string)v[4]!), created, expires, v[7] == 1);
    }
}
