using System.Net;
using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.State;

/// <summary>ATTACKS.md F: three gateway nodes on 127.0.0.1 sharing one real Redis, as behind a load balancer.</summary>
public sealed class ScaleOutTests(GatewayNodesFixture fixture) : IClassFixture<GatewayNodesFixture>
{
    private GatewayNodes Nodes => fixture.Nodes;

    [Fact]
    public async Task Proof_HundredConcurrentCopiesOverThreeNodes_ExactlyOneAccepted()
    {
        var (agent, uid, token) = await EnrolledAsync(enrollAt: 0, helloAt: 1);
        string proof = "SMPToken " + agent.Proof(token, uid, 1);
        var clients = Enumerable.Range(0, 3).Select(Nodes.Client).ToArray();

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            await go.Task;
            using var response = await TestAgent.SendAsync(clients[i % 3], Paths.Echo, proof);
            return (response.StatusCode, Error: Challenge.ErrorOf(response));
        })).ToArray();
        go.SetResult();
        var answers = await Task.WhenAll(sends);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal((HttpStatusCode.Forbidden, "replay"), a));
    }

    [Fact]
    public async Task Proof_Counters11And12AtOnceOnTwoNodes_BothAcceptedNeitherLost()
    {
        var (agent, uid, token) = await EnrolledAsync(enrollAt: 2, helloAt: 0);
        using var a = Nodes.Client(0);
        using var b = Nodes.Client(1);
        using var c = Nodes.Client(2);
        for (long round = 0; round < 10; round++)
        {
            long first = 11 + 2 * round, second = first + 1;
            var both = await Task.WhenAll(
                Task.Run(() => SendAsync(a, agent, token, uid, first)),
                Task.Run(() => SendAsync(b, agent, token, uid, second)));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], both);

            // Neither bit was lost: both counters are now replays, at a third node.
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(c, agent, token, uid, first));
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(c, agent, token, uid, second));
        }
    }

    [Fact]
    public async Task RevokeAgent_ThroughOneNode_RefusedAtTheOthers()
    {
        var (agent, uid, token) = await EnrolledAsync(enrollAt: 1, helloAt: 1);
        using var b = Nodes.Client(1);
        using var c = Nodes.Client(2);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(b, agent, token, uid, 1));

        Assert.True(await Nodes[0].Admin.RevokeAgentAsync(agent.AgentId));

        foreach (var (client, counter) in new[] { (b, 2L), (c, 3L) })
        {
            using var proof = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, counter));
            Assert.Equal((HttpStatusCode.Forbidden, "agent-revoked"), (proof.StatusCode, Challenge.ErrorOf(proof)));
            using var hello = await TestAgent.SendAsync(client, Paths.Echo, agent.Hello(TestAgent.NewUid()));
            Assert.Equal((HttpStatusCode.Forbidden, "agent-revoked"), (hello.StatusCode, Challenge.ErrorOf(hello)));
        }

        Assert.True(await Nodes[2].Admin.ReinstateAgentAsync(agent.AgentId));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(b, agent, token, uid, 4));
    }

    [Fact]
    public async Task RevokeToken_ThroughOneNode_RefusedAtTheOthers()
    {
        var (agent, uid, token) = await EnrolledAsync(enrollAt: 0, helloAt: 0);
        using var b = Nodes.Client(1);
        using var c = Nodes.Client(2);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(c, agent, token, uid, 1));

        await Nodes[0].Admin.RevokeTokenAsync(JtiOf(token));

        foreach (var (client, counter) in new[] { (b, 2L), (c, 3L) })
        {
            using var proof = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, counter));
            Assert.Equal((HttpStatusCode.Forbidden, "token-revoked"), (proof.StatusCode, Challenge.ErrorOf(proof)));
        }
    }

    [Fact]
    public async Task Enroll_ThroughOneNode_KnownAtTheOthersAndKeyConflictEverywhere()
    {
        var agent = TestAgent.New();
        using var a = Nodes.Client(0);
        using var b = Nodes.Client(1);
        (await agent.EnrollAsync(a)).Dispose();
        var impostor = new TestAgent(TestAgent.ForeignKey(0), agent.AgentId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/smp/agents") { Content = new StringContent(impostor.EnrollmentBody()) };
        request.Headers.Add("X-SMP-Enrollment", GatewayHost.Secret);
        using var conflict = await b.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    internal static async Task<HttpStatusCode> SendAsync(HttpClient client, TestAgent agent, string token, string uid, long counter)
    {
        using var response = await TestAgent.SendAsync(client, Paths.Echo, "SMPToken " + agent.Proof(token, uid, counter));
        return response.StatusCode;
    }

    internal static string JtiOf(string token) =>
        JsonDocument.Parse(B64.Decode(token.Split('.')[1])).RootElement.GetProperty("jti").GetString()!;

    /// <summary>A new agent enrolled at one node, holding a token it got from a hello at another.</summary>
    private async Task<(TestAgent Agent, string Uid, string Token)> EnrolledAsync(int enrollAt, int helloAt)
    {
        var agent = TestAgent.New();
        string uid = TestAgent.NewUid();
        using var enroll = Nodes.Client(enrollAt);
        (await agent.EnrollAsync(enroll)).Dispose();
        using var hello = Nodes.Client(helloAt);
        return (agent, uid, await agent.GetTokenAsync(hello, uid));
    }
}
