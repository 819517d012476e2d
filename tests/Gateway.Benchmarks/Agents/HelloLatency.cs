using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Smp.Gateway.Agents;
using Smp.Gateway.Benchmarks.Tokens;
using Smp.Gateway.Jose;

namespace Smp.Gateway.Benchmarks.Agents;

/// <summary>
/// A hello's cost (find the agent, hand out its token) with 100,000 enrolled agents against 1,000, in
/// the same run, for the same number of distinct random agents: their first hello (a lookup in the
/// store's file, then a new signature) and their second (the agent and its token held in memory).
/// </summary>
internal static class HelloLatency
{
    public static async Task RunAsync(int hellos = 1000)
    {
        var small = await MeasureAsync(1_000, hellos);
        var large = await MeasureAsync(100_000, hellos);
        Report("first hello ", small.First, large.First);
        Report("second hello", small.Second, large.Second);
    }

    private static void Report(string what, (double P50, double P99) small, (double P50, double P99) large)
    {
        Console.WriteLine($"{what}:   1,000 agents p50 {small.P50,8:F1} us p99 {small.P99,8:F1} us;  100,000 agents p50 {large.P50,8:F1} us p99 {large.P99,8:F1} us;  " +
            $"p99 ratio {large.P99 / small.P99:F2} (target at most 1.5)");
    }

    private static async Task<((double, double) First, (double, double) Second)> MeasureAsync(int agents, int hellos)
    {
        using var pipeline = new BenchPipeline();
        var template = await pipeline.EnrollAsync();
        string[] ids = SeedAgents(pipeline, template.Key, agents);
        string[] chosen = ids.OrderBy(_ => Random.Shared.Next()).Take(hellos).ToArray();
        return (await PassAsync(pipeline, chosen), await PassAsync(pipeline, chosen));
    }

    private static async Task<(double P50, double P99)> PassAsync(BenchPipeline pipeline, string[] ids)
    {
        var samples = new double[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var agent = await pipeline.Store.FindAsync(ids[i], default);
            _ = pipeline.Issuer.GetOrIssue(agent!, "bench-uid-0123456789", "bench", out _);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return (samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    /// <summary>Enrolled agents written straight into the store's file in one transaction (enrolling them one by one is not what is measured).</summary>
    private static string[] SeedAgents(BenchPipeline pipeline, RsaJwk key, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("D")).ToArray();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(pipeline.DataDirectory, SqliteAgentStore.FileName)}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO agents (agent_id, n, e, jkt, status, enrolled_at) VALUES ($id, $n, $e, $jkt, 0, 0)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.AddWithValue("$n", key.N);
        insert.Parameters.AddWithValue("$e", key.E);
        insert.Parameters.AddWithValue("$jkt", key.Thumbprint);
        foreach (string agentId in ids)
        {
            id.Value = agentId;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return ids;
    }
}
