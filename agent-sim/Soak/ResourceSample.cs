namespace Smp.AgentSim.Soak;

/// <summary>One reading of the process hosting gateway, legacy server and agents.</summary>
/// <param name="Elapsed">Since the load started.</param>
/// <param name="TotalMemory"><c>GC.GetTotalMemory(false)</c>: bytes allocated and thought live, without forcing a collection.</param>
/// <param name="HeapSize"><c>GC.GetGCMemoryInfo().HeapSizeBytes</c>: the managed heap at the last collection.</param>
/// <param name="WorkingSet">The process's resident memory.</param>
/// <param name="Threads">Operating-system threads of the process.</param>
/// <param name="ThreadPoolThreads"><c>ThreadPool.ThreadCount</c>.</param>
/// <param name="Handles">Open handles (file descriptors on Linux): sockets show up here.</param>
/// <param name="Requests">Requests the load had sent by then.</param>
internal sealed record ResourceSample(
    TimeSpan Elapsed, long TotalMemory, long HeapSize, long WorkingSet, int Threads, int ThreadPoolThreads, int Handles, long Requests);
