using System.Net;
using System.Net.Http.Headers;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Load;
using Smp.AgentSim.Tests.Fakes;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Tests.Load;

/// <summary>
/// The unc and stale-acc scenarios against the demo's real gateway and legacy server: the UNC-codebase
/// route serves the right ACC, and refuses an old password, first checked, then locally.
/// </summary>
[Collection(KeysCollection.Name)]
public sealed class AccScenarioTests(KeyFixture keys)
{
    [Fact]
    public async Task RunAsync_UncAndStaleAccAgainstTheDemo_BothAsExpected()
    {
        await using DemoEnvironment environment = await DemoEnvironment.StartAsync(CancellationToken.None);
        var options = new LoadOptions
        {
            Gateway = environment.GatewayUrl,
            EnrollmentSecret = environment.EnrollmentSecret,
            Acc = environment.Acc,
            Agents = 6,
            Concurrency = 3,
            Duration = TimeSpan.FromSeconds(2),
            Mix = ScenarioMix.Parse("unc=1,stale-acc=1"),
            KeyFolder = keys.KeyFolder,
            AgentsPerKey = 2,
        };

        LoadSummary summary = await new LoadRunner(options).RunAsync(CancellationToken.None);

        Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.SelectMany(s => s.Samples)));
        Assert.All(summary.Scenarios.Where(s => s.Weight > 0), s => Assert.True(s.Runs > 0, s.Name + " never ran"));
        Assert.Contains(summary.Outcomes, o => o.Status is 200 or 206);
        Assert.Contains(summary.Outcomes, o => o is { Status: 401, NsError: "acc-required" });
        Assert.Contains(summary.Outcomes, o => o is { Status: 401, NsError: "credentials-invalid" } or { Status: 429, NsError: "acc-throttled" });
        Assert.DoesNotContain(summary.Outcomes, o => o.Error is not null);
    }

    [Fact]
    public async Task UncRoute_RightAccPassesThroughToTheFileServer_TokenRouteUnchanged()
    {
        await using DemoEnvironment environment = await DemoEnvironment.StartAsync(CancellationToken.None);
        using var client = new HttpClient();
        var uri = new Uri(environment.GatewayUrl, "/Altiris/UncPackages/pkg-1/setup.msi");

        using var right = new HttpRequestMessage(HttpMethod.Get, uri);
        right.Headers.Authorization = AuthenticationHeaderValue.Parse(environment.Acc.Basic());
        using HttpResponseMessage ok = await client.SendAsync(right);
        using var basicOnTokenRoute = new HttpRequestMessage(HttpMethod.Get, new Uri(environment.GatewayUrl, "/Altiris/Packages/pkg-1/setup.msi"));
        basicOnTokenRoute.Headers.Authorization = AuthenticationHeaderValue.Parse(environment.Acc.Basic());
        using HttpResponseMessage tokenRoute = await client.SendAsync(basicOnTokenRoute);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(64 * 1024, (await ok.Content.ReadAsByteArrayAsync()).Length);
        // The HTTP codebase stays a token route: Basic is not accepted there.
        Assert.Equal(HttpStatusCode.Unauthorized, tokenRoute.StatusCode);
        Assert.Equal(["SMPToken"], tokenRoute.Headers.WwwAuthenticate.Select(c => c.Scheme));
        // Its text, for any log or summary, is the user alone.
        Assert.Equal(DemoEnvironment.AccUser, environment.Acc.ToString());
    }
}
