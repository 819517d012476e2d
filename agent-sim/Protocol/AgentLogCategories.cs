namespace Smp.AgentSim.Protocol;

/// <summary>
/// The agent's log categories, named after the original system's log filters, so that an
/// administrator can turn one on alone (<c>--log Smp.Agent.Token.Storage=Debug</c>).
/// </summary>
internal static class AgentLogCategories
{
    /// <summary>"Token storage": a token stored for an origin, reused, replaced, discarded, taken fresh from a 401.</summary>
    public const string TokenStorage = "Smp.Agent.Token.Storage";

    /// <summary>"Server keys:": each key learnt at enrollment with its id and length, each key skipped and why.</summary>
    public const string ServerKeys = "Smp.Agent.ServerKeys";

    /// <summary>"NetworkOperation" (Debug): each request sent, the credential it carried, status and <c>X-SMP-NSError</c>.</summary>
    public const string NetworkOperation = "Smp.Agent.NetworkOperation";

    public static IReadOnlyList<string> All { get; } = [TokenStorage, ServerKeys, NetworkOperation];
}
