using BenchmarkDotNet.Attributes;
using Smp.Gateway.Configuration;
using Smp.Gateway.Replay;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Benchmarks.Replay;

/// <summary>
/// Replay checks per second, embedded against Redis, in the same run: one check alone (latency) and
/// 64 callers at once (throughput, as a busy node). Each operation is one check of a new counter, so
/// every check writes. Redis is a redis-server of this machine, started on a free port for the run.
/// </summary>
[MemoryDiagnoser]
public class RegistryBenchmarks
{
    private const int Callers = 64;
    private const int ChecksPerCaller = 16;

    private RedisServer? _server;
    private RedisRegistry? _redis;
    private IReplayRegistry _registry = null!;
    private long _counter;
    private long _keepUntil;

    [Params("Embedded", "Redis")]
    public string Store { get; set; } = "Embedded";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _keepUntil = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;
        if (Store == "Redis")
        {
            _server = await RedisServer.StartAsync();
            _redis = await RedisRegistry.ConnectAsync(_server.Configuration);
            _registry = _redis.Registry;
        }
        else
        {
            _registry = new MemoryReplayRegistry(TimeProvider.System, new StaticOptionsMonitor(new GatewayOptions()));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Benchmark(Description = "one check, one caller")]
    public async ValueTask<bool> OneCaller() =>
        await _registry.TryAcceptAsync("bench-jti-0", Interlocked.Increment(ref _counter), _keepUntil, default) == ReplayDecision.Accepted;

    [Benchmark(Description = "per check, 64 callers", OperationsPerInvoke = Callers * ChecksPerCaller)]
    public Task ManyCallers() => Task.WhenAll(Enumerable.Range(0, Callers).Select(CallerAsync));

    private async Task CallerAsync(int caller)
    {
        // One token per caller, as many agents at once; counters rise as an agent's would.
        string jti = $"bench-jti-{caller + 1}";
        for (int i = 0; i < ChecksPerCaller; i++)
        {
            await _registry.TryAcceptAsync(jti, Interlocked.Increment(ref _counter), _keepUntil, default);
        }
    }
}
