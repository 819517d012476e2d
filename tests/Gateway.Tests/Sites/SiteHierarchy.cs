using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Smp.Gateway.Sites;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Sites;

/// <summary>
/// An Issuer and Sites on 127.0.0.1, each a real gateway in front of its own simulated legacy server,
/// from temporary folders: the Sites' keys made by the test and registered at the Issuer, short
/// periods so that checks and breaks happen within a test.
/// </summary>
internal sealed class SiteHierarchy : IAsyncDisposable
{
    private static readonly Lazy<RSA>[] SiteKeys = [new(() => RSA.Create(2048)), new(() => RSA.Create(2048)), new(() => RSA.Create(2048))];

    private readonly TempFolder _issuerData = new();
    private readonly TempFolder[] _siteData;
    private readonly int _issuerPort = FreePort.Next();
    private readonly int[] _sitePorts;
    private readonly IDictionary<string, string?>? _siteSettings;
    private Action<IServiceCollection>? _siteServices;

    private SiteHierarchy(int sites, IDictionary<string, string?>? siteSettings)
    {
        _siteData = Enumerable.Range(0, sites).Select(_ => new TempFolder()).ToArray();
        _sitePorts = Enumerable.Range(0, sites).Select(_ => FreePort.Next()).ToArray();
        _siteSettings = siteSettings;
        Sites = new GatewayHost[sites];
    }

    public GatewayHost Issuer { get; private set; } = null!;
    public GatewayHost[] Sites { get; }
    public string IssuerUrl => $"http://127.0.0.1:{_issuerPort}";
    public static string SiteId(int index) => "site-" + (char)('a' + index);
    public static RSA SiteKey(int index) => SiteKeys[index].Value;

    public string IssuerPublicKeyFile(int index) => Path.Combine(_issuerData.Path, SiteId(index) + ".pub.pem");

    /// <summary>Site settings used by every test unless it gives its own.</summary>
    public static Dictionary<string, string?> FastSiteSettings() => new()
    {
        ["Gateway:Site:RevocationCheckPeriod"] = "00:00:01",
        ["Gateway:Site:KeyRefreshPeriod"] = "00:00:01",
        ["Gateway:Site:KeyRefetchFloor"] = "00:00:01",
        ["Gateway:Site:IssuerTimeout"] = "00:00:02",
        ["Gateway:Site:IssuerRetries"] = "1",
        ["Gateway:Site:IssuerRetryDelay"] = "00:00:00.100",
        ["Gateway:Site:IssuerBreakDuration"] = "00:00:01",
    };

    public static async Task<SiteHierarchy> StartAsync(
        int sites = 2, IDictionary<string, string?>? siteSettings = null, IDictionary<string, string?>? issuerSettings = null,
        Action<IServiceCollection>? siteServices = null)
    {
        var hierarchy = new SiteHierarchy(sites, siteSettings ?? FastSiteSettings()) { _siteServices = siteServices };
        try
        {
            for (int i = 0; i < sites; i++)
            {
                File.WriteAllText(Path.Combine(hierarchy._siteData[i].Path, Smp.Gateway.Sites.SiteSide.SiteKey.GeneratedKeyFileName), SiteKey(i).ExportPkcs8PrivateKeyPem());
                File.WriteAllText(hierarchy.IssuerPublicKeyFile(i), SiteKey(i).ExportSubjectPublicKeyInfoPem());
            }

            await hierarchy.StartIssuerAsync(issuerSettings);
            for (int i = 0; i < sites; i++)
            {
                await hierarchy.StartSiteAsync(i);
            }

            return hierarchy;
        }
        catch
        {
            await hierarchy.DisposeAsync();
            throw;
        }
    }

    public async Task StartIssuerAsync(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>();
        for (int i = 0; i < _sitePorts.Length; i++)
        {
            settings[$"Gateway:Sites:{SiteId(i)}:PublicKeyFile"] = IssuerPublicKeyFile(i);
            settings[$"Gateway:Sites:{SiteId(i)}:Audiences:0"] = $"http://127.0.0.1:{_sitePorts[i]}";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Issuer = await GatewayHost.StartAsync(settings, _issuerData.Path, port: _issuerPort);
    }

    public async Task StartSiteAsync(int index)
    {
        var settings = new Dictionary<string, string?>(_siteSettings!)
        {
            ["Gateway:Role"] = "Site",
            ["Gateway:Site:IssuerUrl"] = IssuerUrl,
            ["Gateway:Site:SiteId"] = SiteId(index),
        };
        Sites[index] = await GatewayHost.StartAsync(settings, _siteData[index].Path, port: _sitePorts[index], services: _siteServices);
    }

    public async Task RestartSiteAsync(int index)
    {
        await Sites[index].DisposeAsync();
        await StartSiteAsync(index);
    }

    public static SiteMetrics Metrics(GatewayHost host) => host.Gateway.Services.GetRequiredService<SiteMetrics>();

    public async ValueTask DisposeAsync()
    {
        foreach (var site in Sites.Where(s => s is not null))
        {
            await site.DisposeAsync();
        }

        if (Issuer is not null)
        {
            await Issuer.DisposeAsync();
        }

        _issuerData.Dispose();
        foreach (var folder in _siteData)
        {
            folder.Dispose();
        }
    }
}
