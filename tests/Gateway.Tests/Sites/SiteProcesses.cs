using Smp.AgentSim.Legacy;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// An Issuer and Sites as separate processes (<see cref="GatewayProcess"/>), each started from its own
/// configuration file and data folder, in front of one simulated legacy server (in the test's process:
/// it is not the subject). The Sites keep the default timeouts, retries and break of <c>Gateway:Site</c>.
/// </summary>
internal sealed class SiteProcesses : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly int _issuerPort = FreePort.Next();
    private readonly WebApplication _legacy;
    private readonly string _legacyUrl;
    private readonly int[] _sitePorts;
    private string? _issuerConfig;

    private SiteProcesses(WebApplication legacy, string legacyUrl, int sites)
    {
        _legacy = legacy;
        _legacyUrl = legacyUrl;
        _sitePorts = Enumerable.Range(0, sites).Select(_ => FreePort.Next()).ToArray();
        Sites = new GatewayProcess[sites];
    }

    public GatewayProcess Issuer { get; private set; } = null!;
    public GatewayProcess[] Sites { get; }

    public static async Task<SiteProcesses> StartAsync(int sites = 2)
    {
        string legacyUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var legacy = LegacyServer.Build(legacyUrl);
        await legacy.StartAsync();
        var processes = new SiteProcesses(legacy, legacyUrl, sites);
        try
        {
            await processes.StartIssuerAsync();
            for (int i = 0; i < sites; i++)
            {
                await processes.StartSiteAsync(i);
            }

            return processes;
        }
        catch
        {
            await processes.DisposeAsync();
            throw;
        }
    }

    public string IssuerUrl => $"http://127.0.0.1:{_issuerPort}";

    /// <summary>Starts the Issuer (again, after a kill) on the same port and data folder: its keys and agents are kept.</summary>
    public async Task StartIssuerAsync()
    {
        if (_issuerConfig is null)
        {
            string data = DataFolder("issuer");
            var issuer = Common(_issuerPort, data, _legacyUrl);
            for (int i = 0; i < _sitePorts.Length; i++)
            {
                string publicKey = Path.Combine(data, SiteHierarchy.SiteId(i) + ".pub.pem");
                await File.WriteAllTextAsync(publicKey, SiteHierarchy.SiteKey(i).ExportSubjectPublicKeyInfoPem());
                issuer[$"Gateway:Sites:{SiteHierarchy.SiteId(i)}:PublicKeyFile"] = publicKey;
                issuer[$"Gateway:Sites:{SiteHierarchy.SiteId(i)}:Audiences:0"] = $"http://127.0.0.1:{_sitePorts[i]}";
            }

            _issuerConfig = AdminCli.WriteConfig(Path.Combine(data, "gateway.json"), issuer);
        }

        Issuer = await GatewayProcess.StartAsync(_issuerConfig, IssuerUrl);
    }

    public static HttpClient Client(GatewayProcess gateway, TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(gateway.Url), Timeout = timeout ?? TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Sites.Append(Issuer).Where(p => p is not null))
        {
            await process.DisposeAsync();
        }

        await _legacy.StopAsync();
        await _legacy.DisposeAsync();
        _folder.Dispose();
    }

    private async Task StartSiteAsync(int index)
    {
        string data = DataFolder(SiteHierarchy.SiteId(index));
        await File.WriteAllTextAsync(Path.Combine(data, Smp.Gateway.Sites.SiteSide.SiteKey.GeneratedKeyFileName), SiteHierarchy.SiteKey(index).ExportPkcs8PrivateKeyPem());
        var site = Common(_sitePorts[index], data, _legacyUrl);
        site["Gateway:Role"] = "Site";
        site["Gateway:Site:IssuerUrl"] = IssuerUrl;
        site["Gateway:Site:SiteId"] = SiteHierarchy.SiteId(index);
        Sites[index] = await GatewayProcess.StartAsync(AdminCli.WriteConfig(Path.Combine(data, "gateway.json"), site), site["Gateway:Audience"]!);
    }

    private string DataFolder(string name) => Directory.CreateDirectory(Path.Combine(_folder.Path, name)).FullName;

    private static Dictionary<string, string?> Common(int port, string data, string legacyUrl) =>
        Smp.AgentSim.Demo.LoopbackGatewaySettings.For($"http://127.0.0.1:{port}", legacyUrl, data, GatewayHost.Secret);
}
