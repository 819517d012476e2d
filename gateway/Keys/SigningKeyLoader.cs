using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Keys;

/// <summary>
/// Loads the signing key from <c>Gateway:Tokens:SigningKeyFile</c>, or from the data folder, where it
/// is created on first start with owner-only permissions.
/// </summary>
internal sealed class SigningKeyLoader(IOptions<GatewayOptions> options, ILoggerFactory loggers)
{
    public const string GeneratedKeyFileName = "signing-key.pem";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.ServerKeys);

    public ServerKeyRing Load()
    {
        var files = new SigningKeyFiles(options.Value);
        var key = new ServerKey(LoadOrCreate(files.Current, "Gateway:Tokens:SigningKeyFile"), canSign: true);
        GatewayLog.SigningKeyLoaded(_logger, key.Kid, key.Bits, files.Current);

        // After a rotation the previous key stays published, so tokens it signed still pass.
        if (files.ReadPrevious() is { } published)
        {
            GatewayLog.PreviousKeyLoaded(_logger, published.Kid, published.Bits, files.Previous);
            return new ServerKeyRing(key, [published]);
        }

        return new ServerKeyRing(key, []);
    }

    /// <summary>
    /// Reads the RSA private key (PEM, 2048 bits or more) at <paramref name="path"/>, or creates one there
    /// owner-only; a file that holds no such key stops the start with a message naming <paramref name="configurationKey"/>.
    /// </summary>
    internal static RSA LoadOrCreate(string path, string configurationKey)
    {
        if (!File.Exists(path))
        {
            var created = RSA.Create(2048);
            WriteOwnerOnly(path, created.ExportPkcs8PrivateKeyPem());
            return created;
        }

        return Read(path, configurationKey);
    }

    /// <summary>Reads the RSA private key (PEM, 2048 bits or more) at <paramref name="path"/>; <see cref="InvalidOperationException"/> naming <paramref name="configurationKey"/> when it holds none.</summary>
    internal static RSA Read(string path, string configurationKey)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{configurationKey}: '{path}' holds no RSA private key in PEM ({e.Message}).", e);
        }

        return rsa.KeySize >= 2048 ? rsa
            : throw new InvalidOperationException($"{configurationKey}: '{path}' is a {rsa.KeySize}-bit key; 2048 bits or more are required.");
    }

    /// <summary>Writes a new file readable and writable by its owner only (a private key).</summary>
    internal static void WriteOwnerOnly(string path, string pem)
    {
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = OwnerOnly;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, create);
        writer.Write(pem);
    }
}
