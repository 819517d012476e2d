namespace Smp.Gateway.Identity;

/// <summary>
/// Who the server behind the gateway is told made the call (§12); set once a route's authentication passed.
/// <paramref name="Authorization"/> is forwarded as the <c>Authorization</c> header on ACC pass-through routes; null elsewhere.
/// <paramref name="ExpiresAt"/> (Unix seconds) is when an agent's token authentication ends, <paramref name="Jkt"/>
/// the agent key its token is bound to (<c>cnf.jkt</c>); both null for other kinds. <paramref name="ProofId"/> is the
/// accepted proof's <c>jti:ctr</c>, forwarded as <c>X-SMP-Proof-Id</c>; null when no proof came with the request.
/// </summary>
internal sealed record ForwardedIdentity(
    string Auth, string Identity, string? AgentId, string? Authorization = null, long? ExpiresAt = null, string? Jkt = null, string? ProofId = null);
