using Smp.AgentSim.Bench;
using Smp.AgentSim.Cli;
using Smp.AgentSim.Cluster;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;
using Smp.AgentSim.Load;
using Smp.AgentSim.Soak;

namespace Smp.AgentSim;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            Console.Out.Write(Usage.Text);
            return args.Length == 0 ? 2 : 0;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            var arguments = new ArgumentReader(args[0], args[1..]);
            return args[0] switch
            {
                "legacy" => await LegacyCommand.RunAsync(arguments, stop.Token),
                "load" => await LoadCommand.RunAsync(arguments, stop.Token),
                "demo" => await DemoCommand.RunAsync(arguments, stop.Token),
                "soak" => await SoakCommand.RunAsync(arguments, stop.Token),
                "bench" => await BenchCommand.RunAsync(arguments, stop.Token),
                "bench-yarp" => await BenchYarpCommand.RunAsync(arguments, stop.Token),
                "cluster" => await ClusterCommand.RunAsync(arguments, stop.Token),
                _ => throw new UsageException($"unknown command '{args[0]}'; expected demo, bench, cluster, legacy, load or soak (see agent-sim --help)"),
            };
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync("agent-sim: " + e.Message);
            return 2;
        }
    }
}
