namespace Smp.Gateway.Insight;

/// <summary>The authentications of one method (<c>Token</c>, <c>ACC</c>, ...) on one UTC day (days since 1970).</summary>
internal sealed record MethodDay(long Day, string Method, long Count);
