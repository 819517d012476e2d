namespace Smp.Gateway.Insight;

/// <summary>An enrolled agent with what it was last seen doing; <see cref="Activity"/> is null for one never seen authenticating.</summary>
internal sealed record AgentInsight(string AgentId, string Status, long EnrolledAt, AgentActivity? Activity);
