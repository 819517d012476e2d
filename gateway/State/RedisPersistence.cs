using StackExchange.Redis;

namespace Smp.Gateway.State;

/// <summary>
/// Whether a Redis keeps its data across a restart: append-only file on (<c>INFO persistence</c>). RDB save points
/// alone do not count: a crash reloads the last snapshot, whose epoch is still there, so the replay counters
/// accepted since it would be forgotten while the epoch does not move, and those proofs would be accepted again.
/// </summary>
internal static class RedisPersistence
{
    /// <summary>Null when the server persists every write (AOF); otherwise what it was found to do.</summary>
    public static async Task<string?> ProblemAsync(IServer server)
    {
        var info = await server.InfoAsync("persistence");
        string aof = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "aof_enabled").Value ?? "unknown";
        return aof == "1" ? null : $"appendonly {(aof == "0" ? "no" : aof)}: RDB snapshots alone lose the writes since the last one on a crash";
    }
}
