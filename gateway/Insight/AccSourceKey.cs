namespace Smp.Gateway.Insight;

/// <summary>An ACC source: the account, the address and User-Agent it comes from, and the route it used.</summary>
internal readonly record struct AccSourceKey(string Account, string Address, string UserAgent, string Route, bool AccOnly);
