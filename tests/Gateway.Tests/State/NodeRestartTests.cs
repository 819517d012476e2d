using System.Collections.Concurrent;
using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.State;

/// <summary>§9 with a shared registry: a node restarted mid-run forgets nothing, so no proof is accepted twice and tokens live on.</summary>
public sealed class NodeRestartTests
{
    [Fact]
    public async Task Node_RestartedMidRun_NoProofAcceptedTwiceAndTokensKeepWorking()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = await GatewayNodes.StartAsync(redis);
        var agent = TestAgent.New();
        string uid = TestAgent.NewUid();
        using (var enroll = nodes.Client(0))
        {
            (await agent.EnrollAsync(enroll)).Dispose();
        }

        string token;
        using (var hello = nodes.Client(1))
        {
            token = await agent.GetTokenAsync(hello, uid);
        }

        // Traffic on nodes 0 and 2 while node 1 restarts; every proof sent once.
        var accepted = new ConcurrentBag<long>();
        long next = 0;
        using var cts = new CancellationTokenSource();
        var traffic = Task.Run(async () =>
        {
            using var a = nodes.Client(0);
            using var c = nodes.Client(2);
            while (!cts.IsCancellationRequested)
            {
                long counter = Interlocked.Increment(ref next);
                if (await ScaleOutTests.SendAsync(counter % 2 == 0 ? a : c, agent, token, uid, counter) == HttpStatusCode.OK)
                {
                    accepted.Add(counter);
                }
            }
        });
        // Node 1 restarts once the traffic is flowing on both other nodes.
        await Eventually.TrueAsync(() => accepted.Any(c => c % 2 == 0) && accepted.Any(c => c % 2 == 1));
        await nodes.RestartAsync(1);
        using (var restarted = nodes.Client(1))
        {
            long counter = Interlocked.Increment(ref next);
            Assert.Equal(HttpStatusCode.OK, await ScaleOutTests.SendAsync(restarted, agent, token, uid, counter));
            accepted.Add(counter);
        }

        await cts.CancelAsync();
        await traffic;
        Assert.True(accepted.Count >= 3, $"only {accepted.Count} proofs went through");

        // Every accepted proof, sent again to every node (the restarted one too): all refused as replays.
        for (int node = 0; node < 3; node++)
        {
            using var client = nodes.Client(node);
            foreach (long counter in accepted)
            {
                using var again = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, counter));
                Assert.Equal((HttpStatusCode.Forbidden, "replay"), (again.StatusCode, Challenge.ErrorOf(again)));
            }
        }
    }
}
