using System.Security.Cryptography;
using Smp.AgentSim.Protocol;
using Smp.Gateway.Administration;

namespace Smp.AgentSim.Demo;

/// <summary>
/// <c>demo --hierarchy</c> (PROTOCOL.md §10): an Issuer and two Sites, each a gateway in front of its
/// own legacy server, in this process on free loopback ports. Agents enroll at the Issuer and talk to
/// the Sites, which fetch their tokens from the Issuer. The Sites' keys are made here and registered.
/// </summary>
internal sealed class HierarchyEnvironment : IAsyncDisposable
{
    private const int SiteCount = 2;
    private readonly List<WebApplication> _apps;
    private readonly string _folder;

    private HierarchyEnvironment(List<WebApplication> apps, string folder, Uri issuerUrl, Uri[] siteUrls, string secret)
    {
        _apps = apps;
        _folder = folder;
        IssuerUrl = issuerUrl;
        SiteUrls = siteUrls;
        EnrollmentSecret = secret;
    }

    public Uri IssuerUrl { get; }

    public IReadOnlyList<Uri> SiteUrls { get; }

    public string EnrollmentSecret { get; }

    /// <summary>The Issuer and the Sites, in that order.</summary>
    public IEnumerable<GatewayAdministration> Administrations =>
        _apps.Where((_, i) => i % 2 == 1).Select(app => app.Services.GetRequiredService<GatewayAdministration>());

    /// <summary>Revokes at the Issuer, then has each Site check at once instead of within its period.</summary>
    public async Task RevokeAsync(string agentId, CancellationToken cancellationToken)
    {
        var all = Administrations.ToArray();
        await all[0].RevokeAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
        foreach (var site in all.Skip(1))
        {
            await site.CheckRevocationsNowAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<HierarchyEnvironment> StartAsync(CancellationToken cancellationToken)
    {
        string folder = Directory.CreateTempSubdirectory("agent-sim-hierarchy-").FullName;
        string secret = B64u.Encode(RandomNumberGenerator.GetBytes(32));
        string issuerUrl = LoopbackPort.FreeUrl();
        string[] siteUrls = Enumerable.Range(0, SiteCount).Select(_ => LoopbackPort.FreeUrl()).ToArray();
        var apps = new List<WebApplication>();
        try
        {
            var issuerSettings = new Dictionary<string, string?>();
            for (int i = 0; i < SiteCount; i++)
            {
                string siteFolder = Directory.CreateDirectory(Path.Combine(folder, SiteId(i))).FullName;
                using var key = RSA.Create(2048);
                File.WriteAllText(Path.Combine(siteFolder, "site-key.pem"), key.ExportPkcs8PrivateKeyPem());
                string publicKey = Path.Combine(folder, SiteId(i) + ".pub.pem");
                File.WriteAllText(publicKey, key.ExportSubjectPublicKeyInfoPem());
                issuerSettings[$"Gateway:Sites:{SiteId(i)}:PublicKeyFile"] = publicKey;
                issuerSettings[$"Gateway:Sites:{SiteId(i)}:Audiences:0"] = siteUrls[i];
            }

            await AddAsync(apps, issuerUrl, Path.Combine(folder, "issuer"), secret, issuerSettings, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < SiteCount; i++)
            {
                await AddAsync(apps, siteUrls[i], Path.Combine(folder, SiteId(i)), secret, new Dictionary<string, string?>
                {
                    ["Gateway:Role"] = "Site",
                    ["Gateway:Site:IssuerUrl"] = issuerUrl,
                    ["Gateway:Site:SiteId"] = SiteId(i),
                }, cancellationToken).ConfigureAwait(false);
            }

            return new HierarchyEnvironment(apps, folder, new Uri(issuerUrl), siteUrls.Select(u => new Uri(u)).ToArray(), secret);
        }
        catch
        {
            await StopAllAsync(apps).ConfigureAwait(false);
            DemoEnvironment.DeleteQuietly(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAllAsync(_apps).ConfigureAwait(false);
        DemoEnvironment.DeleteQuietly(_folder);
    }

    private static string SiteId(int index) => "site-" + (char)('a' + index);

    private static async Task AddAsync(
        List<WebApplication> apps, string url, string dataDirectory, string secret, Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var (legacy, gateway) = await DemoEnvironment.StartBehindGatewayAsync(url, dataDirectory, secret, settings, cancellationToken).ConfigureAwait(false);
        apps.Add(legacy);
        apps.Add(gateway);
    }

    private static async Task StopAllAsync(List<WebApplication> apps)
    {
        for (int i = apps.Count - 1; i >= 0; i--)
        {
            await DemoEnvironment.StopAsync(apps[i]).ConfigureAwait(false);
        }
    }
}
