using Smp.Gateway.Cli;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// Runs <c>gateway agents|keys|tokens|check-config</c> in-process, through the same parser as the program with <c>--config FILE</c>, as an operator would,
/// against the data folder or Redis of a real gateway. The configuration file is written from flat keys.
/// </summary>
internal sealed class AdminCli(string configFile)
{
    public string ConfigFile { get; } = configFile;

    /// <summary>A CLI for <paramref name="host"/>'s store: its data folder, or the Redis in <paramref name="settings"/>.</summary>
    public static AdminCli For(GatewayHost host, IDictionary<string, string?>? settings = null)
    {
        var keys = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Gateway:Audience"] = host.Url,
            ["Gateway:DataDirectory"] = host.DataDirectory,
        };
        return new AdminCli(WriteConfig(Path.Combine(host.DataDirectory, $"admin-{Guid.NewGuid():N}.json"), keys));
    }

    public static string WriteConfig(string path, IEnumerable<KeyValuePair<string, string?>> keys) => Smp.AgentSim.Demo.GatewayConfigFile.Write(path, keys);

    public async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = await GatewayCli.RunAsync([.. args, "--config", ConfigFile], output, error);
        return (exit, output + error.ToString());
    }
}
