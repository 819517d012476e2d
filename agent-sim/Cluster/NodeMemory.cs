namespace Smp.AgentSim.Cluster;

/// <summary>A node's resident memory at the end of the run and the peak of its last process (<c>VmRSS</c>, <c>VmHWM</c>), in MiB.</summary>
internal sealed record NodeMemory(string Node, double RssMiB, double PeakMiB, int Restarts);
