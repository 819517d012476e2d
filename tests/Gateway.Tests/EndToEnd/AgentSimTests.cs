using System.Net;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.EndToEnd;

/// <summary>
/// agent-sim's agent, written from PROTOCOL.md without the gateway's code, through a real gateway to
/// the simulated legacy server: the interoperability the protocol promises.
/// </summary>
public sealed class AgentSimTests
{
    private static readonly Lazy<AgentIdentity> Identity = new(AgentIdentity.Create);

    [Fact]
    public async Task Agent_FirstRequestTwoStepsThenOneStep_ServerAnswers()
    {
        await using var host = await GatewayHost.StartAsync();
        var (client, enrollment) = await EnrolledClientAsync(host);

        using var first = await client.GetAsync(new Uri(new Uri(host.Url), Paths.Policies));
        using var second = await client.GetAsync(new Uri(new Uri(host.Url), Paths.TaskServers));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, SmpExchange.Of(first)!.RoundTrips);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, SmpExchange.Of(second)!.RoundTrips);
        Assert.Equal(SmpCredentialKind.Proof, SmpExchange.Of(second)!.LastCredential);
        Assert.Contains(enrollment.AgentId, await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Agent_PackageDownloadWithRange_PartialContent()
    {
        await using var host = await GatewayHost.StartAsync();
        var (client, _) = await EnrolledClientAsync(host);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(host.Url), "/Altiris/Packages/PKG-1/setup.msi"));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(1000, 1999);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(1000, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Agent_GatewayRestarted_FollowsStaleEpochWithoutNewHello()
    {
        using var data = new TempFolder();
        int port = FreePort.Next();
        HttpClient client;
        await using (var before = await GatewayHost.StartAsync(dataDirectory: data.Path, port: port))
        {
            (client, _) = await EnrolledClientAsync(before);
            using var first = await client.GetAsync(new Uri(new Uri(before.Url), Paths.Policies));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await using var after = await GatewayHost.StartAsync(dataDirectory: data.Path, port: port);
        using var again = await client.GetAsync(new Uri(new Uri(after.Url), Paths.Policies));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, SmpExchange.Of(again)!.RoundTrips);
        Assert.Equal(SmpCredentialKind.Proof, SmpExchange.Of(again)!.LastCredential);
    }

    [Fact]
    public async Task Load_EveryScenario_AsExpected()
    {
        await using var host = await GatewayHost.StartAsync();
        using var keys = new TempFolder();
        var options = new LoadOptions
        {
            Gateway = new Uri(host.Url),
            EnrollmentSecret = GatewayHost.Secret,
            Agents = 8,
            Concurrency = 4,
            Duration = TimeSpan.FromSeconds(3),
            MaxRequests = 2000,
            Mix = ScenarioMix.Everything,
            KeyFolder = keys.Path,
            RevokeAgent = (id, ct) => host.Admin.RevokeAgentAsync(id, ct),
        };

        var summary = await new LoadRunner(options).RunAsync(CancellationToken.None);

        Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.Select(s => s.ToString())));
        Assert.Contains(summary.Outcomes, o => o.Status == 403 && o.NsError == "replay");
        Assert.Contains(summary.Outcomes, o => o.Status == 200);
    }

    private static async Task<(HttpClient Client, EnrollmentResult Enrollment)> EnrolledClientAsync(GatewayHost host)
    {
        using var http = new HttpClient();
        var identity = AgentIdentity.FromPem(Guid.NewGuid().ToString("D"), Identity.Value.ExportPem());
        var enrollment = await new EnrollmentClient(http).EnrollAsync(new Uri(host.Url), GatewayHost.Secret, identity);
        var client = SmpAgentClient.Create(identity, new TokenStore(), enrollment.ServerKeys, TimeProvider.System);
        return (client, enrollment);
    }
}
