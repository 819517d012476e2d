using Smp.Gateway.Configuration;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Benchmarks.Replay;

/// <summary>
/// Bytes of managed heap per live token in the embedded registry: the heap after a full collection,
/// before and after a million tokens each used once (an entry each), divided by the count.
/// </summary>
internal static class RegistryMemory
{
    public static void Run(int tokens = 1_000_000)
    {
        var options = new GatewayOptions();
        options.Replay.MaxEntries = tokens + 1;
        long keepUntil = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;
        string[] jtis = Enumerable.Range(0, tokens).Select(i => i.ToString("x22")).ToArray();

        long before = Settle();
        var registry = new MemoryReplayRegistry(TimeProvider.System, new StaticOptionsMonitor(options));
        foreach (string jti in jtis)
        {
            registry.TryAcceptAsync(jti, 1, keepUntil, default).AsTask().GetAwaiter().GetResult();
        }

        long after = Settle();
        GC.KeepAlive(registry);
        GC.KeepAlive(jtis);
        double perToken = (after - before) / (double)tokens;
        Console.WriteLine($"embedded registry: {registry.Count:N0} live tokens, {perToken:F0} bytes each (target at most 150)");
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
