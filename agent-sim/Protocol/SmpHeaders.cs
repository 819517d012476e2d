namespace Smp.AgentSim.Protocol;

/// <summary>Names of the protocol's HTTP headers and scheme (PROTOCOL.md §7, §8).</summary>
internal static class SmpHeaders
{
    public const string Scheme = "SMPToken";
    public const string NsError = "X-SMP-NSError";
    public const string WwwAuthenticate = "WWW-Authenticate";
}
