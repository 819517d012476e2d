using System.Net;
using Smp.Gateway.Protocol;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// What <see cref="SmpTokenHandler"/> did for one request, for callers that count outcomes. The
/// handler attaches it to the request's options; read it back with <see cref="Of"/>.
/// </summary>
internal sealed class SmpExchange
{
    public static readonly HttpRequestOptionsKey<SmpExchange> OptionKey = new("Smp.AgentSim.Exchange");

    /// <summary>HTTP requests sent for this one call: 1 for one step, 2 for hello then proof or a retry.</summary>
    public int RoundTrips { get; internal set; }

    public HttpStatusCode? Status { get; internal set; }

    /// <summary>The final answer's <c>X-SMP-NSError</c>, if any.</summary>
    public string? NsError { get; internal set; }

    public SmpCredentialKind LastCredential { get; internal set; }

    /// <summary>The last challenge token the agent refused to keep, <see cref="TokenRejection.None"/> if none.</summary>
    public TokenRejection Rejection { get; internal set; }

    /// <summary>True when a 403 made the agent discard its token and uid (§8).</summary>
    public bool DiscardedToken { get; internal set; }

    /// <summary>
    /// The <c>Authorization</c> value of the last attempt. A credential: kept in memory for the
    /// replay scenario only, never written anywhere.
    /// </summary>
    internal string? LastAuthorization { get; set; }

    public static SmpExchange? Of(HttpResponseMessage response) =>
        response.RequestMessage is { } request && request.Options.TryGetValue(OptionKey, out SmpExchange? exchange)
            ? exchange
            : null;

    /// <summary>The exchange of <paramref name="request"/>, made and attached on first use.</summary>
    internal static SmpExchange For(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(OptionKey, out SmpExchange? exchange))
        {
            exchange = new SmpExchange();
            request.Options.Set(OptionKey, exchange);
        }

        return exchange;
    }

    public override string ToString() =>
        $"{(int?)Status} {NsError ?? "-"} round trips={RoundTrips} last={LastCredential}";
}
