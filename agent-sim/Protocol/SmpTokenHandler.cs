using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// The agent's side of the SMPToken exchange (PROTOCOL.md §6-§8) for one agent: hello and proof,
/// one step once a token is held, a single retry when the server hands out a fresh token, and the
/// discard of token and uid on a 403. Each call's outcome is left in its <see cref="SmpExchange"/>;
/// each request sent is logged under <see cref="AgentLogCategories.NetworkOperation"/>, what it does
/// with tokens under <see cref="AgentLogCategories.TokenStorage"/>.
/// </summary>
internal sealed class SmpTokenHandler : DelegatingHandler
{
    private readonly AgentIdentity _identity;
    private readonly TokenStore _store;
    private readonly TokenVerifier _verifier;
    private readonly TimeProvider _time;
    private readonly bool _reuseConnection;
    private readonly ILogger _storageLog;
    private readonly ILogger _networkLog;
    private readonly ConcurrentDictionary<string, bool> _authenticatedOrigins = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="reuseConnection">
    /// After an accepted proof, send the following requests without <c>Authorization</c> (§7,
    /// "Connection"). Only meaningful over a handler with one connection per server.
    /// </param>
    /// <param name="loggerFactory">Default none.</param>
    public SmpTokenHandler(
        AgentIdentity identity, TokenStore store, ServerKeySet serverKeys, TimeProvider time, bool reuseConnection = false,
        ILoggerFactory? loggerFactory = null)
    {
        _identity = identity;
        _store = store;
        _verifier = new TokenVerifier(identity, serverKeys);
        _time = time;
        _reuseConnection = reuseConnection;
        loggerFactory ??= NullLoggerFactory.Instance;
        _storageLog = loggerFactory.CreateLogger(AgentLogCategories.TokenStorage);
        _networkLog = loggerFactory.CreateLogger(AgentLogCategories.NetworkOperation);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Uri uri = request.RequestUri ?? throw new InvalidOperationException("The request has no address.");
        string origin = TokenStore.Origin(uri);
        ServerCredential credential = _store.For(uri);
        SmpExchange exchange = SmpExchange.For(request);
        bool canRetry = IsReplayable(request);

        if (_reuseConnection && _authenticatedOrigins.ContainsKey(origin))
        {
            IssuedToken? held = credential.Token;
            HttpResponseMessage response = await SendOnce(request, SmpCredentialKind.Connection, null, exchange, cancellationToken)
                .ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !canRetry)
            {
                return Finish(response, origin, credential, held, exchange);
            }

            // The connection closed, or its authentication ended: one step with the token held.
            _authenticatedOrigins.TryRemove(origin, out _);
            response.Dispose();
        }

        return await AuthenticateAsync(request, origin, credential, exchange, canRetry, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> AuthenticateAsync(
        HttpRequestMessage request, string origin, ServerCredential credential, SmpExchange exchange,
        bool canRetry, CancellationToken cancellationToken)
    {
        ProofTicket? ticket = credential.NextProof(_time.GetUtcNow());
        HttpResponseMessage response;
        string uidSent;
        if (ticket is not null)
        {
            AgentLog.TokenReused(_storageLog, ticket.Token.Jti, origin, _identity.AgentId, ticket.Counter);
            uidSent = ticket.Token.Uid;
            response = await SendProof(request, ticket, exchange, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            uidSent = credential.Uid;
            response = await SendOnce(request, SmpCredentialKind.Hello, SmpChallenge.Hello(_identity.AgentId, uidSent), exchange, cancellationToken)
                .ConfigureAwait(false);
        }

        // A 401 may carry a fresh token (after a hello, or after a proof refused for stale-epoch,
        // expired...): keep it if it checks out even when this request cannot be sent again.
        if (response.StatusCode == HttpStatusCode.Unauthorized && TakeChallenge(response, origin, credential, uidSent, exchange)
            && canRetry && credential.NextProof(_time.GetUtcNow()) is { } retry)
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
        SendOnce(request, SmpCredentialKind.Proof, ProofBuilder.Build(_identity, ticket), exchange, cancellationToken);

    private async Task<HttpResponseMessage> SendOnce(
        HttpRequestMessage request, SmpCredentialKind kind, string? parameter, SmpExchange exchange,
        CancellationToken cancellationToken)
    {
        request.Headers.Authorization = parameter is null ? null : new AuthenticationHeaderValue(SmpHeaders.Scheme, parameter);
        exchange.LastCredential = kind;
        exchange.LastAuthorization = parameter is null ? null : SmpHeaders.Scheme + " " + parameter;
        exchange.RoundTrips++;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (LogFailure(request, kind, e))
        {
            throw; // Not reached: the filter only logs.
        }

        if (_networkLog.IsEnabled(LogLevel.Debug))
        {
            AgentLog.RequestSent(_networkLog, _identity.AgentId, request.Method, UrlOf(request), NameOf(kind),
                (int)response.StatusCode, SmpHeaders.NsErrorOf(response) ?? "-");
        }

        return response;
    }

    private bool LogFailure(HttpRequestMessage request, SmpCredentialKind kind, HttpRequestException e)
    {
        if (_networkLog.IsEnabled(LogLevel.Debug))
        {
            AgentLog.RequestFailed(_networkLog, _identity.AgentId, request.Method, UrlOf(request), NameOf(kind), e.HttpRequestError);
        }

        return false;
    }

    private bool TakeChallenge(
        HttpResponseMessage response, string origin, ServerCredential credential, string uidSent, SmpExchange exchange)
    {
        if (SmpChallenge.TokenOf(response) is not { } token)
        {
            return false;
        }

        TokenRejection rejection = _verifier.Verify(token, uidSent, out IssuedToken? verified);
        exchange.Rejection = rejection;
        if (verified is null)
        {
            AgentLog.ChallengeTokenRefused(_storageLog, origin, _identity.AgentId, SmpHeaders.NsErrorOf(response) ?? "-", rejection);
            return false;
        }

        if (!credential.Accept(verified, uidSent))
        {
            return false;
        }

        // After a hello the credential's "stored" says it all; after a refused proof, say why a new token came.
        if (exchange.LastCredential == SmpCredentialKind.Proof)
        {
            AgentLog.FreshTokenTaken(_storageLog, verified.Jti, SmpHeaders.NsErrorOf(response) ?? "-", origin, _identity.AgentId, verified.ExpiresAt);
        }

        return true;
    }

    private HttpResponseMessage Finish(
        HttpResponseMessage response, string origin, ServerCredential credential, IssuedToken? used, SmpExchange exchange)
    {
        exchange.Status = response.StatusCode;
        exchange.NsError = SmpHeaders.NsErrorOf(response);

        bool refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest;
        if (response.StatusCode == HttpStatusCode.Forbidden && used is not null)
        {
            credential.Discard(used, exchange.NsError);
            exchange.DiscardedToken = true;
        }

        if (_reuseConnection)
        {
            if (refused)
            {
                _authenticatedOrigins.TryRemove(origin, out _);
            }
            else if (exchange.LastCredential == SmpCredentialKind.Proof)
            {
                _authenticatedOrigins[origin] = true;
            }
        }

        return response;
    }

    /// <summary>Scheme, host, port and path: a query may carry anything, and the log needs none of it.</summary>
    private static string UrlOf(HttpRequestMessage request) =>
        request.RequestUri?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) ?? "-";

    private static string NameOf(SmpCredentialKind kind) => kind switch
    {
        SmpCredentialKind.Hello => "hello",
        SmpCredentialKind.Proof => "proof",
        SmpCredentialKind.Connection => "connection",
        _ => "none",
    };

    /// <summary>Only a request without content, or with content held in memory, can be sent twice.</summary>
    private static bool IsReplayable(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent or ReadOnlyMemoryContent;
}
