using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.State;

/// <summary>
/// The embedded stores' SQLite file in the data folder, and its schema: the agents, revoked tokens and change
/// version of the agent store, the long-lived tokens and the activity (Insight/) beside them. Write-ahead logging lets the admin commands
/// and other nodes on the same file read while a node writes; revocations past their token's expiry are dropped
/// when the file is opened. <see cref="InitializeAsync"/> creates the folder and tables; nothing before it touches the disk.
/// </summary>
internal sealed class SqliteDatabase(IOptions<GatewayOptions> options, TimeProvider time) : IStoreInitialization
{
    public const string FileName = "agents.db";

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS agents (
            agent_id TEXT PRIMARY KEY, n TEXT NOT NULL, e TEXT NOT NULL, jkt TEXT NOT NULL,
            status INTEGER NOT NULL, enrolled_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS revoked_tokens (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT OR IGNORE INTO changes (id, version) VALUES (1, 0);
        DELETE FROM revoked_tokens WHERE expires_at < $now;
        CREATE TABLE IF NOT EXISTS long_lived_tokens (
            id TEXT PRIMARY KEY, kind INTEGER NOT NULL, name TEXT NOT NULL, paths TEXT NOT NULL, digest BLOB NOT NULL UNIQUE,
            created_at INTEGER NOT NULL, expires_at INTEGER NULL, revoked INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS agent_activity (
            agent_id TEXT PRIMARY KEY, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, method TEXT NOT NULL,
            address TEXT NULL, user_agent TEXT NULL);
        CREATE TABLE IF NOT EXISTS acc_sources (
            account TEXT NOT NULL, address TEXT NOT NULL, user_agent TEXT NOT NULL, route TEXT NOT NULL, acc_only INTEGER NOT NULL,
            day INTEGER NOT NULL, count INTEGER NOT NULL, last_seen INTEGER NOT NULL,
            PRIMARY KEY (account, address, user_agent, route, day));
        CREATE TABLE IF NOT EXISTS auth_methods (day INTEGER NOT NULL, method TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, method));
        """;

    private readonly SemaphoreSlim _initializing = new(1, 1);
    private string? _connectionString;

    /// <summary>Creates the data folder and the file's tables where missing; once, however often it is called.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializing.WaitAsync(cancellationToken);
        try
        {
            if (_connectionString is not null)
            {
                return;
            }

            string path = Path.Combine(DataDirectory.Ensure(options.Value), FileName);
            string connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 10 }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var schema = connection.CreateCommand();
            schema.CommandText = Schema;
            schema.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeSeconds());
            await schema.ExecuteNonQueryAsync(cancellationToken);
            Volatile.Write(ref _connectionString, connectionString);
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>
    /// A new open connection (pooled); the caller disposes it. A store used without the start's step (an admin
    /// command's, or a Site's long-lived tokens: a Site keeps no agents, so its start opens no file) has the file
    /// opened here, once.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connectionString) is null)
        {
            await InitializeAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
