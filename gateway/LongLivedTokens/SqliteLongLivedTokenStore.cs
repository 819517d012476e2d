using Smp.Gateway.State;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>Long-lived tokens in the embedded store's SQLite file, beside the agents. Nothing is cached: these tokens are used rarely.</summary>
internal sealed class SqliteLongLivedTokenStore(SqliteDatabase database) : ILongLivedTokenStore
{
    private const string Columns = "id, kind, name, paths, digest, created_at, expires_at, revoked";

    public async Task AddAsync(LongLivedToken token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO long_lived_tokens ({Columns}) VALUES ($id, $kind, $name, $paths, $digest, $created, $expires, $revoked)";
        insert.Parameters.AddWithValue("$id", token.Id);
        insert.Parameters.AddWithValue("$kind", (int)token.Kind);
        insert.Parameters.AddWithValue("$name", token.Name);
        insert.Parameters.AddWithValue("$paths", token.PathsText);
        insert.Parameters.AddWithValue("$digest", token.Digest);
        insert.Parameters.AddWithValue("$created", token.CreatedAt);
        insert.Parameters.AddWithValue("$expires", (object?)token.ExpiresAt ?? DBNull.Value);
        insert.Parameters.AddWithValue("$revoked", token.Revoked ? 1 : 0);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LongLivedToken?> FindAsync(byte[] digest, CancellationToken cancellationToken)
    {
        var found = await QueryAsync($"SELECT {Columns} FROM long_lived_tokens WHERE digest = $digest", ("$digest", digest), cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    public Task<IReadOnlyList<LongLivedToken>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM long_lived_tokens ORDER BY created_at, id", null, cancellationToken);

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE long_lived_tokens SET revoked = 1 WHERE id = $id";
        update.Parameters.AddWithValue("$id", id);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<LongLivedToken>> QueryAsync(string sql, (string Name, object Value)? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = sql;
        if (parameter is { } p)
        {
            select.Parameters.AddWithValue(p.Name, p.Value);
        }

        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var tokens = new List<LongLivedToken>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new LongLivedToken(
                reader.GetString(0), (LongLivedTokenKind)reader.GetInt32(1), reader.GetString(2), LongLivedToken.ParsePaths(reader.GetString(3)),
                (byte[])reader.GetValue(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetInt32(7) != 0));
        }

        return tokens;
    }
}
