using System.Security.Cryptography.X509Certificates;

namespace Smp.AgentSim.Protocol;

/// <summary>
/// The certificate authority an agent trusts for an HTTPS gateway (<c>--ca FILE</c>) besides the system's, for a
/// gateway whose certificate is self-signed or from a private CA; the host name is still checked.
/// </summary>
internal static class ServerTrust
{
    public static SocketsHttpHandler Apply(SocketsHttpHandler handler, X509Certificate2? ca)
    {
        if (ca is not null)
        {
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
                RevocationMode = X509RevocationMode.NoCheck,
            };
        }

        return handler;
    }

    /// <summary>Reads <c>--ca FILE</c>: a certificate in PEM or DER.</summary>
    public static X509Certificate2 Read(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new Cli.UsageException($"--ca: '{path}' holds no certificate in PEM or DER ({e.Message})");
        }
    }
}
