using Microsoft.Data.Sqlite;

namespace Smp.Gateway.Agents;

/// <summary>
/// The tables of the embedded agent store's file, created where missing. Write-ahead logging lets the admin commands
/// and other nodes on the same file read while a node writes; revocations past their token's expiry are dropped here.
/// </summary>
internal static class SqliteAgentSchema
{
    public static void Create(SqliteConnection connection, long now)
    {
        using var schema = connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS agents (
                agent_id TEXT PRIMARY KEY, n TEXT NOT NULL, e TEXT NOT NULL, jkt TEXT NOT NULL,
                status INTEGER NOT NULL, enrolled_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS revoked_tokens (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
            INSERT OR IGNORE INTO changes (id, version) VALUES (1, 0);
            DELETE FROM revoked_tokens WHERE expires_at < $now;
            """;
        schema.Parameters.AddWithValue("$now", now);
        schema.ExecuteNonQuery();
    }
}
