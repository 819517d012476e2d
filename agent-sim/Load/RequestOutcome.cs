using System.Net;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Load;

/// <summary>One request of a scenario as the agent saw it.</summary>
internal sealed record RequestOutcome(
    HttpStatusCode? Status, string? NsError, string? Error, int RoundTrips, SmpCredentialKind LastCredential,
    bool DiscardedToken, TimeSpan Latency)
{
    /// <summary>The schemes of the answer's <c>WWW-Authenticate</c> challenges; filled by raw sends only.</summary>
    public IReadOnlyList<string> ChallengeSchemes { get; init; } = [];

    /// <summary>Whether the answer carried <c>Retry-After</c>; filled by raw sends only.</summary>
    public bool HasRetryAfter { get; init; }

    public bool IsSuccess => Status is { } status && (int)status is >= 200 and < 300;

    /// <summary>Short, credential-free text for the summary's samples.</summary>
    public string Describe() =>
        Error is not null
            ? "error " + Error
            : $"{(int?)Status} {NsError ?? "-"} after {RoundTrips} round trip(s), last {LastCredential}";
}
