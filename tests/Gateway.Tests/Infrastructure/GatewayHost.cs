using System.Security.Cryptography;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;
using Smp.Gateway.Administration;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A real gateway on 127.0.0.1 (Kestrel, a free port, a temporary data folder) in front of the
/// simulated legacy server, both started by the test and stopped on dispose.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const string Secret = "test-enrollment-secret-0123456789";

    private readonly TempFolder? _ownedFolder;

    private GatewayHost(WebApplication gateway, WebApplication legacy, string url, string legacyUrl, string dataDirectory, TempFolder? ownedFolder)
    {
        Gateway = gateway;
        Legacy = legacy;
        Url = url;
        LegacyUrl = legacyUrl;
        DataDirectory = dataDirectory;
        _ownedFolder = ownedFolder;
    }

    public WebApplication Gateway { get; }
    public WebApplication Legacy { get; }
    public string Url { get; }
    public string LegacyUrl { get; }
    public string DataDirectory { get; }
    public GatewayAdministration Admin => Gateway.Services.GetRequiredService<GatewayAdministration>();

    public static async Task<GatewayHost> StartAsync(
        IDictionary<string, string?>? settings = null, string? dataDirectory = null, string[]? args = null, int? port = null,
        Action<IServiceCollection>? services = null)
    {
        var owned = dataDirectory is null ? new TempFolder() : null;
        dataDirectory ??= owned!.Path;
        string legacyUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var legacy = LegacyServer.Build(legacyUrl);
        await legacy.StartAsync();

        string url = $"http://127.0.0.1:{port ?? FreePort.Next()}";
        // Tests send from one address far faster than any fleet; Hardening/RateLimitTests sets its own.
        var overrides = LoopbackGatewaySettings.For(url, legacyUrl, dataDirectory, Secret);
        overrides["Gateway:RateLimits:UnknownAgentHellosPerSourcePerMinute"] = "1000000";
        overrides.With(settings);

        var gateway = GatewayApp.Build(args ?? [], overrides, services);
        try
        {
            await gateway.StartAsync();
        }
        catch
        {
            await legacy.DisposeAsync();
            owned?.Dispose();
            throw;
        }

        return new GatewayHost(gateway, legacy, url, legacyUrl, dataDirectory, owned);
    }

    /// <summary>The server's signing key, read from the data folder as an operator could.</summary>
    public RSA ReadSigningKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(DataDirectory, "signing-key.pem")));
        return rsa;
    }

    public HttpClient NewClient(Version? version = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 1, UseCookies = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Url) };
        if (version is not null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        return client;
    }

    public async Task StopGatewayAsync()
    {
        await Gateway.StopAsync();
        await Gateway.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Gateway.StopAsync();
            await Gateway.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
        }

        await Legacy.StopAsync();
        await Legacy.DisposeAsync();
        _ownedFolder?.Dispose();
    }
}
