namespace Smp.Gateway.Insight;

/// <summary>
/// ACC use of one account from one source (address and User-Agent) on one route, on one UTC day (days since 1970):
/// how often, and when last (Unix seconds). <see cref="AccOnly"/>: the route takes ACC alone (a UNC codebase), so
/// this use does not hold back switching ACC off elsewhere.
/// </summary>
internal sealed record AccSourceDay(string Account, string Address, string UserAgent, string Route, bool AccOnly, long Day, long Count, long LastSeen);
