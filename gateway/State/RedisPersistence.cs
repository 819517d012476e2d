using StackExchange.Redis;

namespace Smp.Gateway.State;

/// <summary>
/// Whether a Redis keeps its data across a restart: append-only file on (<c>INFO persistence</c>), or RDB save
/// points configured (<c>CONFIG GET save</c>). A managed Redis that forbids <c>CONFIG</c> and has no AOF cannot
/// be told apart from one that persists nothing, so it counts as not persisting.
/// </summary>
internal static class RedisPersistence
{
    /// <summary>Null when the server persists; otherwise what it was found to do.</summary>
    public static async Task<string?> ProblemAsync(IServer server)
    {
        var info = await server.InfoAsync("persistence");
        string aof = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "aof_enabled").Value ?? "unknown";
        if (aof == "1")
        {
            return null;
        }

        try
        {
            var save = await server.ConfigGetAsync("save");
            string points = save.FirstOrDefault().Value ?? string.Empty;
            return points.Trim().Length > 0 ? null : "appendonly no, save \"\"";
        }
        catch (RedisServerException e)
        {
            return $"appendonly no, and CONFIG GET save refused ({e.Message})";
        }
    }
}
