using Smp.AgentSim.Load;
using Smp.Gateway.Protocol;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>agent-sim's spec-only agents, enrolled at the Issuer, run every scenario at two Sites.</summary>
public sealed class SiteLoadTests
{
    [Fact]
    public async Task Load_AgentsEnrolledAtIssuerAtTwoSites_EveryScenarioAsExpected()
    {
        await using var hierarchy = await SiteHierarchy.StartAsync();
        using var keys = new TempFolder();
        var options = new LoadOptions
        {
            Gateway = new Uri(hierarchy.Sites[0].Url),
            Sites = [new Uri(hierarchy.Sites[1].Url)],
            EnrollAt = new Uri(hierarchy.Issuer.Url),
            EnrollmentSecret = GatewayHost.Secret,
            Agents = 8,
            Concurrency = 4,
            Duration = TimeSpan.FromSeconds(3),
            MaxRequests = 2000,
            Mix = ScenarioMix.Everything,
            KeyFolder = keys.Path,
            RevokeAgent = async (id, ct) =>
            {
                await hierarchy.Issuer.Admin.RevokeAgentAsync(id, ct);
                foreach (var site in hierarchy.Sites)
                {
                    await site.Admin.CheckRevocationsNowAsync(ct);
                }
            },
        };

        var summary = await new LoadRunner(options).RunAsync(CancellationToken.None);

        Assert.True(summary.AllAsExpected, string.Join("; ", summary.Scenarios.Select(s => s.ToString())));
        Assert.Contains(summary.Outcomes, o => o.Status == 403 && o.NsError == "agent-revoked");
        Assert.Contains(summary.Outcomes, o => o.Status == 200);
    }
}
