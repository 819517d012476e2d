using System.Text.Json;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Windows;

/// <summary>agent-sim's windows scenario, run as a process with the machine account's ticket cache, through a real gateway.</summary>
[Collection(SambaCollection.Name)]
public sealed class WindowsAgentSimTests(SambaFixture samba)
{
    [Theory]
    [InlineData("/win")]
    [InlineData("/mixed")]
    public async Task AgentSimLoad_WindowsScenario_EveryRunAsExpected(string route)
    {
        using var domain = await WindowsDomain.CreateAsync(samba.Dc);
        await using var host = await GatewayHost.StartAsync(domain.Settings());
        string json = domain.Kit.File("summary.json");

        await ExternalTool.RunAsync(domain.Agent.Environment, null,
            "dotnet", Path.Combine(AppContext.BaseDirectory, "agent-sim.dll"), "load", "--gateway", host.Url, "--secret", GatewayHost.Secret,
            "--agents", "2", "--concurrency", "2", "--duration", "2", "--mix", "windows=1", "--keys", domain.Kit.File("keys"),
            "--windows-path", route + "/Altiris/NS/Agent/Echo.aspx", "--windows-host", domain.ServiceHost, "--json", json);

        var windows = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("scenarios").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "windows");
        Assert.True(windows.GetProperty("runs").GetInt32() > 0);
        Assert.Equal(windows.GetProperty("runs").GetInt32(), windows.GetProperty("asExpected").GetInt32());
        Assert.Equal(0, windows.GetProperty("unexpected").GetInt32());
    }
}
