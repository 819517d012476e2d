using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Protocol;

/// <summary>Names of the protocol's HTTP headers and scheme (PROTOCOL.md §7, §8), and the reading of the error code.</summary>
internal static class SmpHeaders
{
    public const string Scheme = "SMPToken";
    public const string NsError = "X-SMP-NSError";
    public const string WwwAuthenticate = "WWW-Authenticate";

    /// <summary>The answer's <c>X-SMP-NSError</c> code, or null.</summary>
    public static string? NsErrorOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NsError, out IEnumerable<string>? codes) ? codes.FirstOrDefault() : null;
}
