namespace Smp.Gateway.Configuration;

/// <summary>One entry of <c>Gateway:Sites</c> at the Issuer: a Site allowed to fetch its agents' tokens (§10).</summary>
public sealed class SiteRegistration
{
    /// <summary><c>Gateway:Sites:&lt;id&gt;:PublicKeyFile</c>: the Site's RSA public key (PEM). Required.</summary>
    public string PublicKeyFile { get; set; } = string.Empty;

    /// <summary><c>Gateway:Sites:&lt;id&gt;:Audiences</c>: the origins the Site may ask tokens for (its public origins). At least one.</summary>
    public List<string> Audiences { get; set; } = [];
}
