using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// The agent's side of the SMPToken exchange (PROTOCOL.md §6-§8) for one agent: hello and proof,
/// one step once a token is held, a single retry when the server hands out a fresh token, and the
/// discard of token and uid on a 403. Each call's outcome is left in its <see cref="SmpExchange"/>.
/// </summary>
internal sealed class SmpTokenHandler : DelegatingHandler
{
    private readonly AgentIdentity identity;
    private readonly TokenStore store;
    private readonly TokenVerifier verifier;
    private readonly TimeProvider time;
    private readonly bool reuseConnection;
    private readonly ConcurrentDictionary<string, bool> authenticatedOrigins = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="reuseConnection">
    /// After an accepted proof, send the following requests without <c>Authorization</c> (§7,
    /// "Connection"). Only meaningful over a handler with one connection per server.
    /// </param>
    public SmpTokenHandler(
        AgentIdentity identity, TokenStore store, ServerKeySet serverKeys, TimeProvider time, bool reuseConnection = false)
    {
        this.identity = identity;
        this.store = store;
        verifier = new TokenVerifier(identity, serverKeys);
        this.time = time;
        this.reuseConnection = reuseConnection;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Uri uri = request.RequestUri ?? throw new InvalidOperationException("The request has no address.");
        string origin = TokenStore.Origin(uri);
        ServerCredential credential = store.For(uri);
        SmpExchange exchange = ExchangeOf(request);
        bool canRetry = IsReplayable(request);

        if (reuseConnection && authenticatedOrigins.ContainsKey(origin))
        {
            IssuedToken? held = credential.Token;
            HttpResponseMessage response = await SendOnce(request, SmpCredentialKind.Connection, null, exchange, cancellationToken)
                .ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !canRetry)
            {
                return Finish(response, origin, credential, held, exchange);
            }

            // The connection closed, or its authentication ended: one step with the token held.
            authenticatedOrigins.TryRemove(origin, out _);
            response.Dispose();
        }

        return await AuthenticateAsync(request, origin, credential, exchange, canRetry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> AuthenticateAsync(
        HttpRequestMessage request, string origin, ServerCredential credential, SmpExchange exchange,
        bool canRetry, CancellationToken cancellationToken)
    {
        ProofTicket? ticket = credential.NextProof(time.GetUtcNow());
        HttpResponseMessage response;
        string uidSent;
        if (ticket is not null)
        {
            uidSent = ticket.Token.Uid;
            response = await SendProof(request, ticket, exchange, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            uidSent = credential.Uid;
            response = await SendOnce(request, SmpCredentialKind.Hello, SmpChallenge.Hello(identity.AgentId, uidSent), exchange, cancellationToken)
                .ConfigureAwait(false);
        }

        // A 401 may carry a fresh token (after a hello, or after a proof refused for stale-epoch,
        // expired...): keep it if it checks out even when this request cannot be sent again.
        if (response.StatusCode == HttpStatusCode.Unauthorized && TakeChallenge(response, credential, uidSent, exchange)
            && canRetry && credential.NextProof(time.GetUtcNow()) is { } retry)
        {
            response.Dispose();
            ticket = retry;
            response = await SendProof(request, ticket, exchange, cancellationToken).ConfigureAwait(false);
        }

        IssuedToken? used = exchange.LastCredential == SmpCredentialKind.Proof ? ticket?.Token : null;
        return Finish(response, origin, credential, used, exchange);
    }

    private Task<HttpResponseMessage> SendProof(
        HttpRequestMessage request, ProofTicket ticket, SmpExchange exchange, CancellationToken cancellationToken) =>
        SendOnce(request, SmpCredentialKind.Proof, ProofBuilder.Build(identity, ticket), exchange, cancellationToken);

    private async Task<HttpResponseMessage> SendOnce(
        HttpRequestMessage request, SmpCredentialKind kind, string? parameter, SmpExchange exchange,
        CancellationToken cancellationToken)
    {
        request.Headers.Authorization = parameter is null ? null : new AuthenticationHeaderValue(SmpHeaders.Scheme, parameter);
        exchange.LastCredential = kind;
        exchange.LastAuthorization = parameter is null ? null : SmpHeaders.Scheme + " " + parameter;
        exchange.RoundTrips++;
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private bool TakeChallenge(HttpResponseMessage response, ServerCredential credential, string uidSent, SmpExchange exchange)
    {
        if (SmpChallenge.TokenOf(response) is not { } token)
        {
            return false;
        }

        TokenRejection rejection = verifier.Verify(token, uidSent, out IssuedToken? verified);
        exchange.Rejection = rejection;
        return verified is not null && credential.Accept(verified, uidSent);
    }

    private HttpResponseMessage Finish(
        HttpResponseMessage response, string origin, ServerCredential credential, IssuedToken? used, SmpExchange exchange)
    {
        exchange.Status = response.StatusCode;
        exchange.NsError = response.Headers.TryGetValues(SmpHeaders.NsError, out IEnumerable<string>? codes)
            ? codes.FirstOrDefault()
            : null;

        bool refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest;
        if (response.StatusCode == HttpStatusCode.Forbidden && used is not null)
        {
            credential.Discard(used);
            exchange.DiscardedToken = true;
        }

        if (reuseConnection)
        {
            if (refused)
            {
                authenticatedOrigins.TryRemove(origin, out _);
            }
            else if (exchange.LastCredential == SmpCredentialKind.Proof)
            {
                authenticatedOrigins[origin] = true;
            }
        }

        return response;
    }

    private static SmpExchange ExchangeOf(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(SmpExchange.OptionKey, out SmpExchange? exchange))
        {
            exchange = new SmpExchange();
            request.Options.Set(SmpExchange.OptionKey, exchange);
        }

        return exchange;
    }

    /// <summary>Only a request without content, or with content held in memory, can be sent twice.</summary>
    private static bool IsReplayable(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;
}
