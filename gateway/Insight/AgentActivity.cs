namespace Smp.Gateway.Insight;

/// <summary>
/// What one agent was last seen doing (times in Unix seconds): its first and last authentication, the method of the
/// last (<c>Token</c>, <c>ACC</c>, <c>Windows</c>, <c>PushInstall</c>, <c>Asdk</c>), the address and User-Agent it came from.
/// </summary>
internal sealed record AgentActivity(string AgentId, long FirstSeen, long LastSeen, string Method, string? Address, string? UserAgent);
