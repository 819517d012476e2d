using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Protocol;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's HTTP calls to its Issuer, behind one Polly pipeline: retries with exponential backoff and
/// jitter, outside a circuit breaker, outside a timeout per attempt. Retrying these POSTs is safe: a
/// repeated call only issues tokens again. Each attempt builds its body anew with its own <c>ts</c> and
/// request id, so the Issuer never takes a retry for a replayed request.
/// </summary>
internal sealed class IssuerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly SiteKey _key;
    private readonly SiteMetrics _metrics;
    private readonly IssuerHealth _health;
    private readonly TimeProvider _time;

    public IssuerClient(IOptions<GatewayOptions> options, SiteKey key, SiteMetrics metrics, IssuerHealth health, TimeProvider time, ILoggerFactory loggers)
    {
        var site = options.Value.Site;
        _key = key;
        _metrics = metrics;
        _health = health;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = site.MaxConcurrentCalls,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(site.IssuerUrl), Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = 8 * 1024 * 1024 };
        _pipeline = Build(site, health, time, loggers.CreateLogger(LogCategories.TokenCache));
    }

    /// <summary>
    /// POSTs the body <paramref name="body"/> writes for a <c>ts</c> and a request id (<c>rid</c>, new at
    /// each attempt, so no two requests are the same bytes), signed by the Site key.
    /// </summary>
    public Task<IssuerResponse> PostAsync(string path, Func<long, string, byte[]> body, CancellationToken cancellationToken)
    {
        return SendAsync(() =>
        {
            long ts = _time.GetUtcNow().ToUnixTimeSeconds();
            byte[] bytes = body(ts, Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(SiteHeaders.JsonContentType);
            request.Headers.TryAddWithoutValidation(SiteHeaders.SiteSignature, Base64Url.Encode(_key.Sign(bytes)));
            return request;
        }, cancellationToken);
    }

    public Task<IssuerResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<IssuerResponse> SendAsync(Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var request = newRequest();
                _metrics.IssuerCallSent();
                using var response = await SendAttemptAsync(request, token, cancellationToken);
                if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                {
                    _health.Failed($"answered {(int)response.StatusCode}");
                    throw new HttpRequestException($"the Issuer answered {(int)response.StatusCode}", null, response.StatusCode);
                }

                _health.Answered();

                byte[] content = await response.Content.ReadAsByteArrayAsync(token);
                return new IssuerResponse(
                    (int)response.StatusCode,
                    content,
                    response.Headers.TryGetValues(SiteHeaders.Signature, out var signature) ? signature.FirstOrDefault() : null,
                    response.Content.Headers.ContentType?.MediaType,
                    response.Headers.TryGetValues(Protocol.NsError.HeaderName, out var error) ? error.FirstOrDefault() : null);
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            throw new IssuerUnavailableException(e is BrokenCircuitException ? "circuit open after repeated failures" : e.Message, e);
        }
    }

    /// <summary>One attempt, its failure told to <see cref="IssuerHealth"/> in a few words (the log has the rest).</summary>
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken token, CancellationToken caller)
    {
        try
        {
            return await _http.SendAsync(request, token);
        }
        catch (HttpRequestException e)
        {
            _health.Failed(e.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused or lost" : "no HTTP answer");
            throw;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            _health.Failed("no answer within Gateway:Site:IssuerTimeout");
            throw;
        }
    }

    private static ResiliencePipeline Build(SiteOptions site, IssuerHealth health, TimeProvider time, ILogger logger)
    {
        var transient = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (site.IssuerRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = site.IssuerRetries,
                Delay = site.IssuerRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = site.IssuerBreakDuration,
                StateProvider = health.State,
                ManualControl = health.Control,
                OnOpened = args =>
                {
                    GatewayLog.IssuerCircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = args =>
                {
                    GatewayLog.IssuerCircuitClosed(logger, args.IsManual ? "the probe found the Issuer answering" : "a trial call was answered");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(site.IssuerTimeout)
            .Build();
    }
}
