namespace Smp.AgentSim.Soak;

/// <summary>One reading of the process hosting gateway, legacy server and agents.</summary>
/// <param name="Elapsed">Since the load started.</param>
/// <param name="TotalMemory"><c>GC.GetTotalMemory(false)</c> right after a full blocking collection: the bytes the process keeps.</param>
/// <param name="HeapSize"><c>GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes</c>: the managed heap after that collection.</param>
/// <param name="WorkingSet">The process's resident memory.</param>
/// <param name="Threads">Operating-system threads of the process.</param>
/// <param name="ThreadPoolThreads"><c>ThreadPool.ThreadCount</c>.</param>
/// <param name="Handles">Open handles (file descriptors on Linux): sockets show up here.</param>
/// <param name="Requests">Requests the load had sent by then.</param>
internal sealed record ResourceSample(
    TimeSpan Elapsed, long TotalMemory, long HeapSize, long WorkingSet, int Threads, int ThreadPoolThreads, int Handles, long Requests);
