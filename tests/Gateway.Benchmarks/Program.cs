using BenchmarkDotNet.Running;

namespace Smp.Gateway.Benchmarks;

internal static class Program
{
    /// <summary><c>dotnet run -c Release --project tests/Gateway.Benchmarks -- --filter '*' --job short</c></summary>
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
