using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Jose;
using Smp.Gateway.Keys;

namespace Smp.Gateway.Sites;

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

    public SiteKey(IOptions<GatewayOptions> options, ILogger<SiteKey> logger)
    {
        var o = options.Value;
        string path = string.IsNullOrEmpty(o.Site.KeyFile) ? Path.Combine(DataDirectory.Ensure(o), GeneratedKeyFileName) : o.Site.KeyFile;
        _rsa = RSA.Create();
        if (File.Exists(path))
        {
            try
            {
                _rsa.ImportFromPem(File.ReadAllText(path));
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new InvalidOperationException($"Gateway:Site:KeyFile: '{path}' holds no RSA private key in PEM ({e.Message}).", e);
            }

            if (_rsa.KeySize < 2048)
            {
                throw new InvalidOperationException($"Gateway:Site:KeyFile: '{path}' is a {_rsa.KeySize}-bit key; 2048 bits or more are required.");
            }
        }
        else
        {
            _rsa = RSA.Create(2048);
            SigningKeyLoader.WriteOwnerOnly(path, _rsa.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, PublicKeyFileName), _rsa.ExportSubjectPublicKeyInfoPem());
        }

        Thumbprint = RsaJwk.FromParameters(_rsa.ExportParameters(false)).Thumbprint;
        Decrypting = new RsaSecurityKey(_rsa) { KeyId = o.Site.SiteId };
        GatewayLog.SiteKeyLoaded(logger, Thumbprint, path);
    }

    /// <summary>The JWK thumbprint of the public key, for the log.</summary>
    public string Thumbprint { get; }

    /// <summary>The key as IdentityModel takes it, made once (its providers are cached per key).</summary>
    public SecurityKey Decrypting { get; }

    public byte[] Sign(byte[] body) => _rsa.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
