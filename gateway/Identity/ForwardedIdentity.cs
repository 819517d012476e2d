namespace Smp.Gateway.Identity;

/// <summary>Who the server behind the gateway is told made the call (§12); set once a route's authentication passed.</summary>
internal sealed record ForwardedIdentity(string Auth, string Identity, string? AgentId);
