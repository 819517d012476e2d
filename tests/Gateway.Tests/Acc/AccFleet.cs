using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Acc;

/// <summary>
/// Issue 14's fleet: agents with stale ACC passwords and agents with the right one, each sending requests to a
/// UNC (ACC-only) route through one or several gateways (an agent keeps to one node, agents spread round-robin),
/// so many at once. With <c>staleFirst</c>, one request of each distinct stale password goes alone before the rest.
/// </summary>
internal static class AccFleet
{
    public const int Concurrency = 32;
    public const int RequestsPerAgent = 2;

    public static async Task<FleetRun> RunAsync(
        IFleetDirectory directory, string[] gateways, int staleAgents, int goodAgents, int stalePasswords, bool staleFirst)
    {
        var agents = Enumerable.Range(0, staleAgents).Select(i => (Name: $"stale-{i}", Password: $"stale-password-{i % stalePasswords}"))
            .Concat(Enumerable.Range(0, goodAgents).Select(i => (Name: $"good-{i}", directory.Password)))
            .ToArray();
        new Random(3).Shuffle(agents);

        var clients = gateways.Select(url => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, UseCookies = false })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        }).ToArray();
        var results = new ConcurrentBag<(bool Right, HttpStatusCode Status, string? Code)>();
        var clock = Stopwatch.StartNew();
        try
        {
            if (staleFirst)
            {
                for (int p = 0; p < stalePasswords; p++)
                {
                    results.Add(await SendAsync(clients[p % clients.Length], directory, $"stale-password-{p}", "first"));
                }
            }

            await Parallel.ForEachAsync(agents.Select((a, i) => (a.Name, a.Password, Client: clients[i % clients.Length])),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (agent, _) =>
                {
                    for (int r = 0; r < RequestsPerAgent; r++)
                    {
                        results.Add(await SendAsync(agent.Client, directory, agent.Password, agent.Name));
                    }
                });
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        clock.Stop();
        await directory.SettleAsync();
        return new FleetRun(
            results.Count(r => r.Right && r.Status == HttpStatusCode.OK),
            goodAgents * RequestsPerAgent,
            results.Count(r => !r.Right && r.Status == HttpStatusCode.OK),
            results.GroupBy(r => $"{(r.Right ? "right" : "stale")} {(int)r.Status} {r.Code}").ToDictionary(g => g.Key, g => g.Count()),
            directory.FailedBinds,
            directory.FailureRecord(),
            directory.Locked(),
            clock.Elapsed);
    }

    private static async Task<(bool, HttpStatusCode, string?)> SendAsync(HttpClient client, IFleetDirectory directory, string password, string agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Paths.TaskServers);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(directory.Account + ":" + password)));
        request.Headers.TryAddWithoutValidation("User-Agent", "agent-sim/" + agent);
        using var response = await client.SendAsync(request);
        return (password == directory.Password, response.StatusCode, Challenge.ErrorOf(response));
    }
}

/// <summary>A fleet run's figures: right-password requests served, stale ones served (must be 0), answers by code, and the directory's view.</summary>
internal sealed record FleetRun(
    int RightServed, int RightSent, int StaleServed, Dictionary<string, int> Answers, int FailedBinds, string FailureRecord, bool Locked, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"right served {RightServed}/{RightSent}, stale served {StaleServed}; answers {string.Join(", ", Answers.OrderBy(a => a.Key).Select(a => $"{a.Key} x{a.Value}"))}; " +
        $"failed binds the directory saw {FailedBinds}, {FailureRecord}, locked {(Locked ? "YES" : "no")}; {Elapsed.TotalSeconds:F1} s";
}
