using Microsoft.Data.Sqlite;
using Smp.Gateway.State;

namespace Smp.Gateway.Insight;

/// <summary>The activity in the embedded SQLite file, beside the agents: one transaction per flush.</summary>
internal sealed class SqliteActivityStore(SqliteDatabase database) : IActivityStore
{
    public async Task WriteAsync(ActivityBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var a in batch.Agents)
        {
            await ExecuteAsync(transaction, """
                INSERT INTO agent_activity (agent_id, first_seen, last_seen, method, address, user_agent) VALUES ($id, $first, $last, $method, $address, $ua)
                ON CONFLICT(agent_id) DO UPDATE SET first_seen = MIN(first_seen, excluded.first_seen),
                    last_seen = excluded.last_seen, method = excluded.method, address = excluded.address, user_agent = excluded.user_agent
                WHERE excluded.last_seen >= last_seen
                """, cancellationToken, ("$id", a.AgentId), ("$first", a.FirstSeen), ("$last", a.LastSeen), ("$method", a.Method),
                ("$address", a.Address), ("$ua", a.UserAgent));
        }

        foreach (var s in batch.AccSources)
        {
            await ExecuteAsync(transaction, """
                INSERT INTO acc_sources (account, address, user_agent, route, acc_only, day, count, last_seen) VALUES ($account, $address, $ua, $route, $only, $day, $count, $last)
                ON CONFLICT(account, address, user_agent, route, day) DO UPDATE SET count = count + excluded.count, last_seen = MAX(last_seen, excluded.last_seen)
                """, cancellationToken, ("$account", s.Account), ("$address", s.Address), ("$ua", s.UserAgent), ("$route", s.Route),
                ("$only", s.AccOnly ? 1 : 0), ("$day", s.Day), ("$count", s.Count), ("$last", s.LastSeen));
        }

        foreach (var m in batch.Methods)
        {
            await ExecuteAsync(transaction, """
                INSERT INTO auth_methods (day, method, count) VALUES ($day, $method, $count)
                ON CONFLICT(day, method) DO UPDATE SET count = count + excluded.count
                """, cancellationToken, ("$day", m.Day), ("$method", m.Method), ("$count", m.Count));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<AgentActivity>> ReadAgentsAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT agent_id, first_seen, last_seen, method, address, user_agent FROM agent_activity ORDER BY agent_id",
            r => new AgentActivity(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)),
            cancellationToken);

    public Task<IReadOnlyList<AccSourceDay>> ReadAccSourcesAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT account, address, user_agent, route, acc_only, day, count, last_seen FROM acc_sources",
            r => new AccSourceDay(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0, r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)),
            cancellationToken);

    public Task<IReadOnlyList<MethodDay>> ReadMethodsAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT day, method, count FROM auth_methods ORDER BY day, method", r => new MethodDay(r.GetInt64(0), r.GetString(1), r.GetInt64(2)), cancellationToken);

    private static async Task ExecuteAsync(SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
