namespace Smp.Gateway.Replay;

/// <summary>
/// Who a new registry entry is counted against: the token's agent key (<c>cnf.jkt</c>) and the client's
/// address. Empty parts are not counted (callers that know neither, such as tools and tests).
/// </summary>
internal readonly record struct ReplayOwner(string Jkt, string Source);
