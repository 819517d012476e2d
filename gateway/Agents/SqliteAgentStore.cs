using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Agents;

/// <summary>
/// The embedded agent store: SQLite in the data folder, with agents found once kept in memory, so a
/// proof costs no query. Agents that are not found are not remembered: enrolling must take effect at once.
/// </summary>
internal sealed class SqliteAgentStore : IAgentStore
{
    public const string FileName = "agents.db";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Agent> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _revokedTokens = new(StringComparer.Ordinal);

    public SqliteAgentStore(IOptions<GatewayOptions> options, TimeProvider time)
    {
        _time = time;
        string path = Path.Combine(DataDirectory.Ensure(options.Value), FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 10 }.ToString();
        Initialize();
    }

    public async ValueTask<Agent?> FindAsync(string agentId, CancellationToken cancellationToken)
    {
        if (_agents.TryGetValue(agentId, out var agent))
        {
            return agent;
        }

        await using var connection = await OpenAsync(cancellationToken);
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

    public async Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO agents (agent_id, n, e, jkt, status, enrolled_at) VALUES ($id, $n, $e, $jkt, 0, $now) ON CONFLICT(agent_id) DO NOTHING";
        insert.Parameters.AddWithValue("$id", agentId);
        insert.Parameters.AddWithValue("$n", key.N);
        insert.Parameters.AddWithValue("$e", key.E);
        insert.Parameters.AddWithValue("$jkt", key.Thumbprint);
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE agents SET status = $status WHERE agent_id = $id";
        update.Parameters.AddWithValue("$status", (int)status);
        update.Parameters.AddWithValue("$id", agentId);
        bool found = await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        _agents.TryRemove(agentId, out _);
        return found;
    }

    public ValueTask<bool> IsTokenRevokedAsync(string jti, CancellationToken cancellationToken)
    {
        return ValueTask.FromResult(_revokedTokens.ContainsKey(jti));
    }

    public async Task RevokeTokenAsync(string jti, long expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO revoked_tokens (jti, expires_at) VALUES ($jti, $exp) ON CONFLICT(jti) DO UPDATE SET expires_at = MAX(expires_at, $exp)";
        insert.Parameters.AddWithValue("$jti", jti);
        insert.Parameters.AddWithValue("$exp", expiresAt);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        _revokedTokens[jti] = expiresAt;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private void Initialize()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS agents (
                    agent_id TEXT PRIMARY KEY, n TEXT NOT NULL, e TEXT NOT NULL, jkt TEXT NOT NULL,
                    status INTEGER NOT NULL, enrolled_at INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS revoked_tokens (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
                DELETE FROM revoked_tokens WHERE expires_at < $now;
                """;
            schema.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeSeconds());
            schema.ExecuteNonQuery();
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT jti, expires_at FROM revoked_tokens";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            _revokedTokens[reader.GetString(0)] = reader.GetInt64(1);
        }
    }
}
