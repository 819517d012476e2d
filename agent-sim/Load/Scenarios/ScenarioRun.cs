using Smp.AgentSim.Protocol;

namespace Smp.AgentSim.Load.Scenarios;

/// <summary>What a scenario gets for one run: its agent, the gateway, and a way to send that records each request.</summary>
internal sealed class ScenarioRun(
    SimulatedAgent agent, LoadRecorder recorder, HttpClient rawClient, Random random, TimeProvider time, LoadOptions options)
{
    public SimulatedAgent Agent { get; } = agent;

    public LoadOptions Options { get; } = options;

    /// <summary>The worker's random source: not thread-safe, and one scenario run has one worker.</summary>
    public Random Random { get; } = random;

    public TimeProvider Time { get; } = time;

    /// <summary>Set when the scenario revoked its agent: it goes back to no pool.</summary>
    public bool Retired { get; private set; }

    /// <summary>
    /// The <c>Authorization</c> value of the last attempt of the last request sent through an agent
    /// client. A credential: the replay scenario re-sends it, nothing may print it.
    /// </summary>
    public string? LastAuthorization { get; private set; }

    public HttpRequestMessage NewRequest() => LegacyRequests.Next(Agent.Gateway, Random);

    public void Retire() => Retired = true;

    /// <summary>Sends through one of the agent's clients, reading the whole answer.</summary>
    public async Task<RequestOutcome> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long start = Time.GetTimestamp();
        var exchange = new SmpExchange();
        request.Options.Set(SmpExchange.OptionKey, exchange);
        string? error = await SendAndDrainAsync(client, request, cancellationToken).ConfigureAwait(false);
        LastAuthorization = exchange.LastAuthorization;
        var outcome = new RequestOutcome(error is null ? exchange.Status : null, exchange.NsError, error,
            exchange.RoundTrips, exchange.LastCredential, exchange.DiscardedToken, Time.GetElapsedTime(start));
        recorder.RecordRequest(outcome);
        return outcome;
    }

    /// <summary>
    /// Sends <paramref name="request"/> as it is, without the agent's SMPToken handler: an attacker's copy,
    /// or an ACC request on a UNC-codebase route.
    /// </summary>
    public Task<RequestOutcome> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendRawAsync(rawClient, request, cancellationToken);

    /// <summary>Sends <paramref name="request"/> as it is through <paramref name="client"/>: a connection of the scenario's own.</summary>
    public async Task<RequestOutcome> SendRawAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        long start = Time.GetTimestamp();
        System.Net.HttpStatusCode? status = null;
        string? nsError = null;
        string? error = null;
        string[] schemes = [];
        bool retryAfter = false;
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            nsError = response.Headers.TryGetValues(SmpHeaders.NsError, out IEnumerable<string>? codes) ? codes.FirstOrDefault() : null;
            schemes = response.Headers.WwwAuthenticate.Select(c => c.Scheme).ToArray();
            retryAfter = response.Headers.RetryAfter is not null;
            // Read the whole answer, as an agent fetching a package does.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            error = Describe(e);
        }

        // An attacker's copy carries an SMPToken credential; an ACC request carries Basic, none of the protocol's.
        string? sent = request.Headers.TryGetValues("Authorization", out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
        SmpCredentialKind credential = sent is null || sent.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            ? SmpCredentialKind.None
            : SmpCredentialKind.Proof;
        var outcome = new RequestOutcome(status, nsError, error, 1, credential, false, Time.GetElapsedTime(start))
        {
            ChallengeSchemes = schemes,
            HasRetryAfter = retryAfter,
        };
        recorder.RecordRequest(outcome);
        return outcome;
    }

    private static async Task<string?> SendAndDrainAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            return Describe(e);
        }
    }

    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e) => e switch
    {
        HttpRequestException http => "http " + http.HttpRequestError,
        _ => "timeout",
    };
}
