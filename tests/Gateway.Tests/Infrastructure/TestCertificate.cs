using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>A self-signed certificate for 127.0.0.1, written as PEM files (certificate, key) into a folder.</summary>
internal static class TestCertificate
{
    public static (string CertificateFile, string KeyFile) Write(string folder, string name = "gateway")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        string certFile = Path.Combine(folder, name + ".crt.pem"), keyFile = Path.Combine(folder, name + ".key.pem");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile);
    }
}
