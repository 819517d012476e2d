using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Smp.Gateway.Tests.Infrastructure;

namespace Smp.Gateway.Tests.Configuration;

/// <summary>config/gateway.https.example.json starts, with an HTTPS endpoint from PEM files, and answers over TLS.</summary>
public sealed class HttpsDeploymentTests
{
    [Fact]
    public async Task Start_HttpsExampleWithPemFiles_AnswersOverHttps()
    {
        using var folder = new TempFolder();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        string certFile = Path.Combine(folder.Path, "gateway.crt.pem"), keyFile = Path.Combine(folder.Path, "gateway.key.pem");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        string httpsUrl = $"https://127.0.0.1:{FreePort.Next()}";
        string example = Path.Combine(ExampleConfigurationTests.RepositoryRoot(), "config", "gateway.https.example.json");

        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = httpsUrl,
            ["Kestrel:Endpoints:Https:Certificate:Path"] = certFile,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = keyFile,
        }, args: ["--config", example]);

        string thumbprint = certificate.Thumbprint;
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(httpsUrl) };
        using var keys = await client.GetAsync("/.well-known/smp/keys");
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        using var unauthenticated = await client.GetAsync(Paths.Echo);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }
}
