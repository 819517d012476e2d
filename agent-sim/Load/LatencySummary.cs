namespace Smp.AgentSim.Load;

/// <summary>Latency of the requests as the agent saw them (both steps of a two-step exchange), in milliseconds.</summary>
internal sealed record LatencySummary(double P50Ms, double P95Ms, double P99Ms, double MaxMs);
