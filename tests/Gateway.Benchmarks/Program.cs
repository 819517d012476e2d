using BenchmarkDotNet.Running;
using Smp.Gateway.Benchmarks.Agents;
using Smp.Gateway.Benchmarks.Replay;

namespace Smp.Gateway.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/Gateway.Benchmarks -- --filter '*' --job short</c> runs the
    /// BenchmarkDotNet benchmarks; <c>-- memory</c> the registry's bytes per live token; <c>-- cache-memory</c> the token caches' bytes per entry; <c>-- hello</c>
    /// the hello latency with 100,000 enrolled agents against 1,000.
    /// </summary>
    private static async Task Main(string[] args)
    {
        switch (args)
        {
            case ["memory", ..]:
                RegistryMemory.Run();
                break;
            case ["cache-memory", ..]:
                Tokens.CacheMemory.Run();
                break;
            case ["hello", ..]:
                await HelloLatency.RunAsync();
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                break;
        }
    }
}
