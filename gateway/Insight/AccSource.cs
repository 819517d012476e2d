namespace Smp.Gateway.Insight;

/// <summary>
/// One source still holding the ACC, over every day recorded: the account, the address and User-Agent, the routes it
/// used, how often in all, when first and last (Unix seconds; first is the start of its first day), and
/// <see cref="AccOnly"/> when every use was on a route that takes ACC alone (a UNC codebase).
/// </summary>
internal sealed record AccSource(string Account, string Address, string UserAgent, IReadOnlyList<string> Routes, bool AccOnly, long Count, long FirstDay, long LastSeen);
