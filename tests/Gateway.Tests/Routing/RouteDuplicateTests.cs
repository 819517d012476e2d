using System.Net;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Routing;

/// <summary>Issue 14 item 6: a route with the same match as another stops the start, naming both, instead of answering 500 to every request.</summary>
public sealed class RouteDuplicateTests
{
    [Theory]
    [InlineData("{**catch-all}", null)]
    [InlineData("{**CATCH-ALL}/", null)]
    [InlineData("{**catch-all}", "5")]
    public async Task Start_RouteWithTheDefaultRoutesMatch_StopsNamingBoth(string path, string? methodsAndOrderDiffer)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:packages:ClusterId"] = "legacy",
            ["ReverseProxy:Routes:packages:Match:Path"] = path,
        };
        if (methodsAndOrderDiffer is not null)
        {
            settings["ReverseProxy:Routes:packages:Order"] = methodsAndOrderDiffer;
            await using var host = await GatewayHost.StartAsync(settings);
            using var client = host.NewClient();
            using var response = await client.GetAsync(Paths.TaskServers);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            return;
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(settings));

        Assert.Contains("ReverseProxy:Routes:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("is also the path of route", error.ToString(), StringComparison.Ordinal);
    }
}
