using System.Globalization;
using System.Security.Cryptography;
using Smp.AgentSim.Demo;
using Smp.AgentSim.Legacy;

namespace Smp.AgentSim.Cluster;

/// <summary>
/// <c>cluster --hierarchy</c>: a Site (PROTOCOL.md §10) added while the load runs, as an operator adds one. Its key
/// pair is made first (as a Site's first start makes it, README "Sites" 1.); when added, every Issuer node's
/// configuration file gets <c>Gateway:Sites:site-a</c> (the nodes reload it without a restart, step 2), then the
/// Site's own gateway process starts (<c>Gateway:Role</c> Site, its Issuer the balancer's origin, its own data
/// folder), in front of a legacy server of its own standing for a package server, with a ledger of its own.
/// </summary>
internal sealed class ClusterSite : IAsyncDisposable
{
    public const string SiteId = "site-a";

    private readonly string _folder;
    private readonly int _port = LoopbackPort.Free();
    private readonly string _legacyUrl = LoopbackPort.FreeUrl();
    private readonly WebApplication _legacy;

    private ClusterSite(string folder, ProofLedger ledger)
    {
        _folder = folder;
        Ledger = ledger;
        _legacy = LegacyServer.Build(_legacyUrl, ledger);
    }

    /// <summary>The Site's origin: its audience, where the agents moved to it send their calls.</summary>
    public Uri Url => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>What the Site's legacy server was given: each proof by id, as the Issuer side's ledger counts them.</summary>
    public ProofLedger Ledger { get; }

    /// <summary>The Site's gateway once added; null before.</summary>
    public GatewayNode? Node { get; private set; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<ClusterSite> StartAsync(string folder, ProofLedger ledger, CancellationToken cancellationToken)
    {
        var site = new ClusterSite(folder, ledger);
        Directory.CreateDirectory(site.DataFolder);
        using (var key = RSA.Create(2048))
        {
            await File.WriteAllTextAsync(Path.Combine(site.DataFolder, "site-key.pem"), key.ExportPkcs8PrivateKeyPem(), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, SiteId + ".pub.pem"), key.ExportSubjectPublicKeyInfoPem(), cancellationToken).ConfigureAwait(false);
        }

        await site._legacy.StartAsync(cancellationToken).ConfigureAwait(false);
        return site;
    }

    /// <summary>Registers the Site at every Issuer node, starts it and waits until it is ready (it holds the Issuer's keys).</summary>
    public async Task AddAsync(string gatewayDll, Uri issuer, IReadOnlyList<GatewayNode> issuerNodes, string enrollmentSecret, CancellationToken cancellationToken)
    {
        var registration = new Dictionary<string, string?>
        {
            [$"Gateway:Sites:{SiteId}:PublicKeyFile"] = Path.Combine(_folder, SiteId + ".pub.pem"),
            [$"Gateway:Sites:{SiteId}:Audiences:0"] = Url.ToString().TrimEnd('/'),
        };
        foreach (GatewayNode node in issuerNodes)
        {
            node.Reconfigure(registration);
        }

        Dictionary<string, string?> settings = LoopbackGatewaySettings.For(Url.ToString().TrimEnd('/'), _legacyUrl, DataFolder, enrollmentSecret);
        settings["Gateway:Role"] = "Site";
        settings["Gateway:Site:IssuerUrl"] = issuer.ToString().TrimEnd('/');
        settings["Gateway:Site:SiteId"] = SiteId;
        Node = await GatewayNode.StartAsync(SiteId, gatewayDll, _folder, _port, settings, cancellationToken).ConfigureAwait(false);
        await Node.WaitUntilAsync("/readyz", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync().ConfigureAwait(false);
        }

        await _legacy.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _legacy.DisposeAsync().ConfigureAwait(false);
    }
}
