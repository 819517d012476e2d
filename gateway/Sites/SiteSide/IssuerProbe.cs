using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Smp.Gateway.Configuration;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// While the Issuer does not answer (or the circuit is open, or no key was fetched yet), one cheap GET of
/// its JWKS each <c>IssuerProbePeriod</c>, on a connection of its own, outside the circuit: hung calls
/// cannot hold it up, and the first answer closes the circuit, so new agents are served again within
/// about a period of the Issuer's return instead of at the end of <c>IssuerBreakDuration</c>.
/// </summary>
internal sealed class IssuerProbe : IDisposable
{
    private readonly IssuerHealth _health;
    private readonly ServerKeyRing _ring;
    private readonly IssuerKeyFetcher _keys;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly HttpClient _http;

    public IssuerProbe(IssuerHealth health, ServerKeyRing ring, IssuerKeyFetcher keys, IOptionsMonitor<GatewayOptions> options)
    {
        _health = health;
        _ring = ring;
        _keys = keys;
        _options = options;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false, AllowAutoRedirect = false, UseProxy = false };
        _http = new HttpClient(handler) { BaseAddress = new Uri(options.CurrentValue.Site.IssuerUrl), Timeout = Timeout.InfiniteTimeSpan };
    }

    public bool Needed => !_health.Reachable || _ring.Published.Count == 0;

    /// <summary>Probes once when <see cref="Needed"/>; the Site's maintenance calls it every <c>IssuerProbePeriod</c>.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!Needed)
        {
            return;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(_options.CurrentValue.Site.IssuerTimeout);
        try
        {
            using var response = await _http.GetAsync(JwksEndpoint.Path, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if (!response.IsSuccessStatusCode)
            {
                _health.Failed($"the probe got {(int)response.StatusCode}");
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            _health.Failed(e is HttpRequestException ? "the probe got no HTTP answer" : "the probe got no answer within Gateway:Site:IssuerTimeout");
            return;
        }

        _health.Answered();
        if (_health.Circuit != CircuitState.Closed)
        {
            await _health.Control.CloseAsync(stoppingToken);
        }

        if (_ring.Published.Count == 0)
        {
            await _keys.FetchAsync();
        }
    }

    public void Dispose() => _http.Dispose();
}
