using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// A Site's own RSA key (<c>Gateway:Site:KeyFile</c>): it signs the Site's requests and decrypts the
/// Issuer's answers. Created on first start in the data folder, owner-only, with its public half in
/// <c>site-key.pub.pem</c> for the Issuer's registration.
/// </summary>
internal sealed class SiteKey
{
    public const string GeneratedKeyFileName = "site-key.pem";
    public const string PublicKeyFileName = "site-key.pub.pem";

    private readonly RSA _rsa;

    public SiteKey(IOptions<GatewayOptions> options, ILoggerFactory loggers)
    {
        var o = options.Value;
        string path = string.IsNullOrEmpty(o.Site.KeyFile) ? Path.Combine(DataDirectory.Ensure(o), GeneratedKeyFileName) : o.Site.KeyFile;
        bool existed = File.Exists(path);
        _rsa = SigningKeyLoader.LoadOrCreate(path, "Gateway:Site:KeyFile");
        if (!existed)
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, PublicKeyFileName), _rsa.ExportSubjectPublicKeyInfoPem());
        }

        Thumbprint = RsaJwk.FromParameters(_rsa.ExportParameters(false)).Thumbprint;
        Decrypting = new RsaSecurityKey(_rsa) { KeyId = o.Site.SiteId };
        GatewayLog.SiteKeyLoaded(loggers.CreateLogger(LogCategories.ServerKeys), Thumbprint, path);
    }

    /// <summary>The JWK thumbprint of the public key, for the log.</summary>
    public string Thumbprint { get; }

    /// <summary>The key as IdentityModel takes it, made once (its providers are cached per key).</summary>
    public SecurityKey Decrypting { get; }

    public byte[] Sign(byte[] body) => _rsa.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
