namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>One span as the dashboard's API returns it.</summary>
internal sealed record DashboardSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);
