using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Smp.Gateway.Configuration;

/// <summary>
/// Loads an HTTPS certificate as Kestrel does (a PEM or DER certificate with a PEM key file, or a PKCS#12 file
/// without one) and says what is wrong with it, naming the file at fault: the certificate, the key, or the pair.
/// </summary>
internal static class CertificatePair
{
    public readonly record struct Fault(bool InKey, string Message);

    public static Fault? Problem(string path, string keyPath, string? password)
    {
        if (keyPath.Length == 0)
        {
            try
            {
                using var pfx = X509CertificateLoader.LoadPkcs12FromFile(path, password);
                return pfx.HasPrivateKey ? null : new Fault(false, $"'{path}' holds no private key; give its key in KeyPath.");
            }
            catch (CryptographicException e)
            {
                return new Fault(false, $"'{path}' is not a PKCS#12 file with its key, or its password is wrong ({e.Message}); for a PEM certificate give its key in KeyPath.");
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            return new Fault(false, $"'{path}' holds no certificate in PEM or DER ({e.Message}).");
        }

        using (certificate)
        {
            return certificate.GetRSAPublicKey() is null && certificate.GetECDsaPublicKey() is null
                ? new Fault(false, $"'{path}' has a key that is neither RSA nor ECDSA.")
                : KeyProblem(certificate, File.ReadAllText(keyPath), keyPath, password);
        }
    }

    private static Fault? KeyProblem(X509Certificate2 certificate, string pem, string keyPath, string? password)
    {
        using AsymmetricAlgorithm key = certificate.GetRSAPublicKey() is not null ? RSA.Create() : ECDsa.Create();
        try
        {
            if (password is { Length: > 0 })
            {
                key.ImportFromEncryptedPem(pem, password);
            }
            else
            {
                key.ImportFromPem(pem);
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return new Fault(true, $"'{keyPath}' holds no {(key is RSA ? "RSA" : "ECDSA")} private key in PEM{(password is { Length: > 0 } ? " that this Password opens" : string.Empty)}.");
        }

        try
        {
            using var paired = key is RSA rsa ? certificate.CopyWithPrivateKey(rsa) : certificate.CopyWithPrivateKey((ECDsa)key);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return new Fault(true, $"the key in '{keyPath}' is not the key of the certificate ({certificate.Subject}): they are not a pair.");
        }
    }
}
