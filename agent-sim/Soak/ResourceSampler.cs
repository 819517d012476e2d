using System.Diagnostics;

namespace Smp.AgentSim.Soak;

/// <summary>Reads this process's memory, threads and handles every <c>period</c> until stopped.</summary>
internal sealed class ResourceSampler(TimeSpan period, Func<long> requests, TimeProvider time)
{
    private readonly List<ResourceSample> _samples = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ResourceSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return _samples.ToArray();
            }
        }
    }

    /// <summary>Takes a sample at once, then one per period, until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        long start = time.GetTimestamp();
        using var timer = new PeriodicTimer(period, time);
        do
        {
            ResourceSample sample = Take(time.GetElapsedTime(start), requests());
            lock (_gate)
            {
                _samples.Add(sample);
            }
        }
        while (await WaitAsync(timer, stop).ConfigureAwait(false));
    }

    public static ResourceSample Take(TimeSpan elapsed, long requests)
    {
        // What the process keeps, not what waits to be collected: a full blocking collection first. It
        // pauses the process once a sample, and it is what tells a leak from a collector's growing budget.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        using Process process = Process.GetCurrentProcess();
        return new ResourceSample(
            elapsed,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes,
            process.WorkingSet64,
            process.Threads.Count,
            ThreadPool.ThreadCount,
            process.HandleCount,
            requests);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
