using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>How many requests ended with a status and <c>X-SMP-NSError</c> code; <c>Error</c> names a transport failure instead.</summary>
internal sealed record OutcomeCount(int? Status, string? NsError, string? Error, long Count)
{
    public string Label => Error is not null ? "error: " + Error : NsError is null ? $"{Status}" : $"{Status} {NsError}";
}
