using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;

namespace Smp.Gateway.Sites.IssuerSide;

/// <summary>
/// The Sites registered at the Issuer (<c>Gateway:Sites</c>): each one's public key and allowed
/// audiences. Read again when the configuration changes, so a Site is added or removed without a restart.
/// </summary>
internal sealed class SiteRegistry : IDisposable
{
    private readonly IDisposable? _subscription;
    private FrozenDictionary<string, RegisteredSite> _sites;

    public SiteRegistry(IOptionsMonitor<GatewayOptions> options)
    {
        _sites = Load(options.CurrentValue);
        _subscription = options.OnChange(o => Volatile.Write(ref _sites, Load(o)));
    }

    public bool TryGet(string siteId, [NotNullWhen(true)] out RegisteredSite? site) => Volatile.Read(ref _sites).TryGetValue(siteId, out site);

    public void Dispose() => _subscription?.Dispose();

    private static FrozenDictionary<string, RegisteredSite> Load(GatewayOptions options)
    {
        var sites = new Dictionary<string, RegisteredSite>(StringComparer.Ordinal);
        foreach (var (id, registration) in options.Sites)
        {
            // The validator has named the key of a missing file; a file that went away since is skipped.
            if (!File.Exists(registration.PublicKeyFile))
            {
                continue;
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(registration.PublicKeyFile));
            var audiences = registration.Audiences.Select(a => new Uri(a).GetLeftPart(UriPartial.Authority)).ToFrozenSet(StringComparer.Ordinal);
            sites[id] = new RegisteredSite(id, rsa, audiences);
        }

        return sites.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
