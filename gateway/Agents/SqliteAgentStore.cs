using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Smp.Gateway.Jose;
using Smp.Gateway.State;

namespace Smp.Gateway.Agents;

/// <summary>
/// The embedded agent store: SQLite in the data folder, with agents found once kept in memory, so a
/// proof costs no query. Agents that are not found are not remembered: enrolling must take effect at once.
/// Every change bumps a version row; a node reads it at most once per <see cref="ChangeCheckPeriod"/> and drops
/// what it holds in memory when another process (<c>gateway agents revoke</c>, another node on the same file) changed it.
/// </summary>
internal sealed class SqliteAgentStore(SqliteDatabase database, TimeProvider time) : IAgentStore, IStoreInitialization
{
    public const string FileName = SqliteDatabase.FileName;

    /// <summary>How soon a change made by another process is seen: one small query per period, not per proof.</summary>
    public static readonly TimeSpan ChangeCheckPeriod = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<string, Agent> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _revokedTokens = new(StringComparer.Ordinal);
    private long _seenVersion;
    private long _nextCheck;

    /// <summary>Loads the revoked tokens, so none is accepted before the first change check; after the file's own (<see cref="SqliteDatabase"/>).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        LoadRevokedTokens(connection);
        _nextCheck = _time.GetTimestamp();
    }

    public async ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken)
    {
        if (ChangeCheckDue())
        {
            await SyncAsync(cancellationToken);
        }

        if (_agents.TryGetValue(agentId, out var agent))
        {
            return agent;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT n, e, status FROM agents WHERE agent_id = $id";
        command.Parameters.AddWithValue("$id", agentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var key = RsaJwk.TryParse(reader.GetString(0), reader.GetString(1), out _)
            ?? throw new InvalidDataException($"The agent store holds an unreadable key for agent {agentId}.");
        agent = new Agent(agentId, key, (AgentStatus)reader.GetInt32(2));
        return _agents.GetOrAdd(agentId, agent);
    }

    public async Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, AgentStatus status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO agents (agent_id, n, e, jkt, status, enrolled_at) VALUES ($id, $n, $e, $jkt, $status, $now) ON CONFLICT(agent_id) DO NOTHING";
        insert.Parameters.AddWithValue("$id", agentId);
        insert.Parameters.AddWithValue("$n", key.N);
        insert.Parameters.AddWithValue("$e", key.E);
        insert.Parameters.AddWithValue("$jkt", key.Thumbprint);
        insert.Parameters.AddWithValue("$status", (int)status);
        insert.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeSeconds());
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return EnrollOutcome.Created;
        }

        var existing = await FindAsync(agentId, cancellationToken);
        return existing?.EnrollAgain(key) ?? EnrollOutcome.KeyConflict;
    }

    public async Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE agents SET status = $status WHERE agent_id = $id";
        update.Parameters.AddWithValue("$status", (int)status);
        update.Parameters.AddWithValue("$id", agentId);
        return await ChangedAsync(connection, agentId, await update.ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);
    }

    public async Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT agent_id, jkt, status, enrolled_at FROM agents ORDER BY agent_id";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var agents = new List<AgentRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            agents.Add(new AgentRecord(reader.GetString(0), reader.GetString(1), (AgentStatus)reader.GetInt32(2), reader.GetInt64(3)));
        }

        return agents;
    }

    public async Task<bool> ReplaceKeyAsync(string agentId, RsaJwk key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE agents SET n = $n, e = $e, jkt = $jkt WHERE agent_id = $id";
        update.Parameters.AddWithValue("$n", key.N);
        update.Parameters.AddWithValue("$e", key.E);
        update.Parameters.AddWithValue("$jkt", key.Thumbprint);
        update.Parameters.AddWithValue("$id", agentId);
        return await ChangedAsync(connection, agentId, await update.ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);
    }

    public async ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken)
    {
        if (ChangeCheckDue())
        {
            await SyncAsync(cancellationToken);
        }

        return _revokedTokens.ContainsKey(jti);
    }

    public async Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO revoked_tokens (jti, expires_at) VALUES ($jti, $exp) ON CONFLICT(jti) DO UPDATE SET expires_at = MAX(expires_at, $exp)";
        insert.Parameters.AddWithValue("$jti", jti);
        insert.Parameters.AddWithValue("$exp", expiresAt);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        _revokedTokens[jti] = expiresAt;
        await ChangedAsync(connection, null, true, cancellationToken);
    }

    /// <summary>Records a change for the other processes on this file, and forgets the agent here at once.</summary>
    private async Task<bool> ChangedAsync(SqliteConnection connection, string? agentId, bool changed, CancellationToken cancellationToken)
    {
        if (agentId is not null)
        {
            _agents.TryRemove(agentId, out _);
        }

        if (changed)
        {
            await using var bump = connection.CreateCommand();
            bump.CommandText = "UPDATE changes SET version = version + 1";
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }

        return changed;
    }

    private bool ChangeCheckDue()
    {
        long now = _time.GetTimestamp(), due = Volatile.Read(ref _nextCheck);
        return now >= due && Interlocked.CompareExchange(ref _nextCheck, now + (long)(ChangeCheckPeriod.TotalSeconds * _time.TimestampFrequency), due) == due;
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT version FROM changes";
        long version = (long)(await select.ExecuteScalarAsync(cancellationToken))!;
        if (Interlocked.Exchange(ref _seenVersion, version) != version)
        {
            _agents.Clear();
            LoadRevokedTokens(connection);
        }
    }

    private void LoadRevokedTokens(SqliteConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT jti, expires_at FROM revoked_tokens";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            _revokedTokens[reader.GetString(0)] = reader.GetInt64(1);
        }
    }
}
