using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's copy of the Issuer's JWKS (§3) in its <see cref="ServerKeyRing"/>: fetched at start, every
/// <c>KeyRefreshPeriod</c>, and on an unknown <c>kid</c> at most once per <c>KeyRefetchFloor</c>, so
/// garbage kids cannot make the Site hammer its Issuer. Concurrent refreshes share one fetch.
/// </summary>
internal sealed class IssuerKeyFetcher(
    IssuerClient client,
    ServerKeyRing ring,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IServerKeyRefresh
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.ServerKeys);

    private readonly Lock _gate = new();
    private Task<bool>? _inFlight;
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;

    public async ValueTask<bool> TryRefreshAsync(string kid, CancellationToken cancellationToken)
    {
        Task<bool>? fetch;
        lock (_gate)
        {
            fetch = _inFlight;
            if (fetch is null && time.GetUtcNow() - _lastFetch >= options.CurrentValue.Site.KeyRefetchFloor)
            {
                fetch = Start();
            }
        }

        if (fetch is null)
        {
            return false;
        }

        await fetch.WaitAsync(cancellationToken);
        return ring.TryGet(kid, out _);
    }

    /// <summary>Fetches now (start, period); false when the Issuer could not be reached.</summary>
    public Task<bool> FetchAsync()
    {
        lock (_gate)
        {
            return _inFlight ?? Start();
        }
    }

    private Task<bool> Start()
    {
        _lastFetch = time.GetUtcNow();
        var task = Task.Run(FetchOnceAsync);
        _inFlight = task;
        return task;
    }

    private async Task<bool> FetchOnceAsync()
    {
        try
        {
            var response = await client.GetAsync(Keys.JwksEndpoint.Path, CancellationToken.None);
            var keys = response.Status == 200 ? Parse(response.Body) : null;
            if (keys is null || keys.Count == 0)
            {
                GatewayLog.IssuerUnavailable(_logger, $"the Issuer's JWKS answered {response.Status} with no usable key");
                return false;
            }

            ring.Replace(keys);
            GatewayLog.IssuerKeysFetched(_logger, keys.Count, string.Join(", ", keys));
            return true;
        }
        catch (IssuerUnavailableException e)
        {
            GatewayLog.IssuerUnavailable(_logger, "JWKS: " + e.Message);
            return false;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    /// <summary>RS256 keys of 2048 bits or more whose kid is their thumbprint, as the Issuer makes them; others are ignored.</summary>
    private static List<ServerKey>? Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var keys = new List<ServerKey>();
            foreach (var k in document.RootElement.GetProperty("keys").EnumerateArray())
            {
                string? Member(string name) => k.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var jwk = Member("kty") == "RSA" && Member("alg") == ServerKey.Rs256 && Member("n") is { } n && Member("e") is { } e ? RsaJwk.TryParse(n, e, out _) : null;
                if (jwk is not null && jwk.ModulusBits >= 2048 && jwk.Thumbprint == Member("kid"))
                {
                    keys.Add(new ServerKey(jwk.CreateRsa(), canSign: false));
                }
            }

            return keys;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
