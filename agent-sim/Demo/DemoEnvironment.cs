using System.Security.Cryptography;
using Smp.AgentSim.Legacy;
using Smp.AgentSim.Load;
using Smp.AgentSim.Protocol;
using Smp.Gateway;
using Smp.Gateway.Administration;
using Smp.Gateway.Configuration;

namespace Smp.AgentSim.Demo;

/// <summary>A legacy server and a gateway in front of it, in this process, on free loopback ports.</summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    private readonly WebApplication _legacy;
    private readonly WebApplication _gateway;
    private readonly string _dataDirectory;

    /// <summary>The ACC account of the demo's UNC-codebase route (<see cref="UncRoutePath"/>).</summary>
    public const string AccUser = @"DEMO\svc-acc";

    /// <summary>The demo's second route: its codebase is a UNC path, so the gateway serves it with ACC only (seeds/000).</summary>
    public const string UncRoutePath = LegacyEndpoints.UncPackagesPrefix + "/{**rest}";

    private DemoEnvironment(WebApplication legacy, WebApplication gateway, string dataDirectory, Uri gatewayUrl, string secret, AccCredentials acc)
    {
        Acc = acc;
        _legacy = legacy;
        _gateway = gateway;
        _dataDirectory = dataDirectory;
        GatewayUrl = gatewayUrl;
        EnrollmentSecret = secret;
        Administration = gateway.Services.GetRequiredService<GatewayAdministration>();
    }

    public Uri GatewayUrl { get; }

    public string EnrollmentSecret { get; }

    public GatewayAdministration Administration { get; }

    /// <summary>The ACC user and its right password, made for this run; never printed.</summary>
    public AccCredentials Acc { get; }

    /// <param name="settings">Gateway settings over the demo's own (the soak shortens the token lifetime).</param>
    public static async Task<DemoEnvironment> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        string gatewayUrl = LoopbackPort.FreeUrl();
        string dataDirectory = Directory.CreateTempSubdirectory("agent-sim-demo-").FullName;
        string secret = B64u.Encode(RandomNumberGenerator.GetBytes(32));
        string accPassword = B64u.Encode(RandomNumberGenerator.GetBytes(24));
        var acc = new AccCredentials(AccUser, accPassword);
        try
        {
            Dictionary<string, string?> all = UncRoute(AccUser, PasswordHash.Create(accPassword));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            var (legacy, gateway) = await StartBehindGatewayAsync(gatewayUrl, dataDirectory, secret, all, cancellationToken)
                .ConfigureAwait(false);
            return new DemoEnvironment(legacy, gateway, dataDirectory, new Uri(gatewayUrl), secret, acc);
        }
        catch
        {
            DeleteQuietly(dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// A route whose codebase is a UNC path, so ACC only whatever its SmpAuth, and the one ACC account,
    /// its password hashed; Basic over plain HTTP, as everything here is on the loopback.
    /// </summary>
    private static Dictionary<string, string?> UncRoute(string accUser, string accPasswordHash) => new()
    {
        ["ReverseProxy:Routes:unc-packages:ClusterId"] = "legacy",
        ["ReverseProxy:Routes:unc-packages:Match:Path"] = UncRoutePath,
        ["ReverseProxy:Routes:unc-packages:Metadata:SmpAuth"] = "Acc",
        ["ReverseProxy:Routes:unc-packages:Metadata:SmpCodebase"] = @"\\fileserver\packages",
        ["Gateway:Acc:Accounts:0:User"] = accUser,
        ["Gateway:Acc:Accounts:0:PasswordHash"] = accPasswordHash,
        ["Gateway:Acc:AllowPlainHttp"] = "true",
        // Each stale-acc refusal is a warning naming the account: the scenario's point, not news.
        ["Logging:LogLevel:Smp.Gateway.Acc"] = "Error",
    };

    /// <summary>
    /// A legacy server on a free port and a gateway at <paramref name="gatewayUrl"/> in front of it, with
    /// <paramref name="settings"/> over the demo's own; both stopped again when the gateway does not start.
    /// </summary>
    internal static async Task<(WebApplication Legacy, WebApplication Gateway)> StartBehindGatewayAsync(
        string gatewayUrl, string dataDirectory, string secret, IDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        string legacyUrl = LoopbackPort.FreeUrl();
        WebApplication? legacy = null;
        WebApplication? gateway = null;
        try
        {
            legacy = LegacyServer.Build(legacyUrl);
            await legacy.StartAsync(cancellationToken).ConfigureAwait(false);
            var overrides = LoopbackGatewaySettings.For(gatewayUrl, legacyUrl, dataDirectory, secret).With(settings);

            gateway = GatewayApp.Build([], overrides);
            await gateway.StartAsync(cancellationToken).ConfigureAwait(false);
            return (legacy, gateway);
        }
        catch
        {
            await StopAsync(gateway).ConfigureAwait(false);
            await StopAsync(legacy).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_gateway).ConfigureAwait(false);
        await StopAsync(_legacy).ConfigureAwait(false);
        DeleteQuietly(_dataDirectory);
    }

    internal static async Task StopAsync(WebApplication? app)
    {
        if (app is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }

    internal static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
