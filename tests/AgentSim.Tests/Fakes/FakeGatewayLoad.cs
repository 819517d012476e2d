using Smp.AgentSim.Demo;
using Smp.AgentSim.Load;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>A load run against a <see cref="FakeGateway"/> on a free loopback port, stopped afterwards.</summary>
internal static class FakeGatewayLoad
{
    /// <summary>Every agent of the fixture on two workers; each test says its duration and mix.</summary>
    public static LoadOptions Options(Uri gateway, KeyFixture keys) => new()
    {
        Gateway = gateway,
        EnrollmentSecret = "secret",
        Agents = KeyFixture.AgentCount,
        Concurrency = 2,
        KeyFolder = keys.KeyFolder,
    };

    /// <param name="options">The options from the gateway's URL and its fake, which can revoke agents.</param>
    public static async Task<LoadSummary> RunAsync(KeyFixture keys, Func<Uri, FakeGateway, LoadOptions> options)
    {
        string url = LoopbackPort.FreeUrl();
        var gateway = new FakeGateway(new FakeIssuer(keys.ServerKey));
        WebApplication server = await FakeGatewayServer.StartAsync(gateway, url);
        try
        {
            return await new LoadRunner(options(new Uri(url), gateway)).RunAsync(CancellationToken.None);
        }
        finally
        {
            await server.StopAsync();
            await server.DisposeAsync();
        }
    }
}
