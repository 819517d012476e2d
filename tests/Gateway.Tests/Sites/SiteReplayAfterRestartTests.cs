using System.Net;
using System.Security.Cryptography;
using System.Text;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// Issue 13 item 10 (§10): a signed client-tokens request captured before an Issuer restart and sent
/// again after it, inside the 300 s window, gets no tokens: the Issuer's memory of requests seen did not
/// survive the restart, so it refuses every <c>ts</c> older than its own start.
/// </summary>
public sealed class SiteReplayAfterRestartTests
{
    [Fact]
    public async Task SignedRequestReplayedAfterIssuerRestart_403RequestStale_FreshRequestsStillServed()
    {
        await using var hierarchy = await SiteHierarchy.StartAsync(sites: 1);
        var agent = TestAgent.New();
        using (var enroll = hierarchy.Issuer.NewClient())
        {
            (await agent.EnrollAsync(enroll)).Dispose();
        }

        string captured = Body(hierarchy, agent);
        byte[] signature = Sign(captured);
        using (var first = await PostAsync(hierarchy, captured, signature))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // A second Issuer process on the same data folder and port.
        await hierarchy.Issuer.DisposeAsync();
        await hierarchy.StartIssuerAsync();

        using var replayed = await PostAsync(hierarchy, captured, signature);
        string fresh = Body(hierarchy, agent);
        using var served = await PostAsync(hierarchy, fresh, Sign(fresh));

        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Equal("request-stale", Challenge.ErrorOf(replayed));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static string Body(SiteHierarchy hierarchy, TestAgent agent) =>
        $"{{\"site\":\"{SiteHierarchy.SiteId(0)}\",\"audience\":\"{hierarchy.Sites[0].Url}\",\"ts\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()},"
        + $"\"requests\":[{{\"agent\":\"{agent.AgentId}\",\"uid\":\"{TestAgent.NewUid()}\"}}]}}";

    private static byte[] Sign(string body) =>
        SiteHierarchy.SiteKey(0).SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private static async Task<HttpResponseMessage> PostAsync(SiteHierarchy hierarchy, string body, byte[] signature)
    {
        using var client = hierarchy.Issuer.NewClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/smp/site/client-tokens") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-SMP-Site-Signature", B64.Url(signature));
        return await client.SendAsync(request);
    }
}
