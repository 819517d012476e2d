using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Keys;

/// <summary>
/// Rotates the Issuer's signing key without interrupting anyone (§3): the new key is published at once
/// and signs only after <c>Gateway:Tokens:RotationLead</c>, by which time every Site has fetched it; the
/// old key stays published until every token it signed has expired. With the generated key file, the new
/// key replaces it on disk and the old one is kept beside it (<c>signing-key.previous.pem</c>) for a restart.
/// </summary>
internal sealed class SigningKeyRotation(ServerKeyRing ring, IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.ServerKeys);

    public const string PreviousKeyFileName = "signing-key.previous.pem";

    /// <summary>Returns the new key's kid once it is published; it signs from <paramref name="lead"/> (default the configured lead) on.</summary>
    public string Rotate(TimeSpan? lead = null)
    {
        var o = options.CurrentValue;
        var rsa = RSA.Create(2048);
        var next = new ServerKey(rsa, canSign: true);
        // Published before it is on disk, so that SigningKeyFileWatch finds it known and leaves it alone.
        Adopt(next, lead ?? o.Tokens.RotationLead);
        if (string.IsNullOrEmpty(o.Tokens.SigningKeyFile))
        {
            string folder = DataDirectory.Ensure(o);
            string current = Path.Combine(folder, SigningKeyLoader.GeneratedKeyFileName), previous = Path.Combine(folder, PreviousKeyFileName);
            File.Delete(previous);
            File.Move(current, previous);
            SigningKeyLoader.WriteOwnerOnly(current, rsa.ExportPkcs8PrivateKeyPem());
        }

        return next.Kid;
    }

    /// <summary>
    /// Publishes <paramref name="next"/> now; it signs from <paramref name="activateIn"/> on, and the key signing
    /// until then stays published until its tokens have expired.
    /// </summary>
    public void Adopt(ServerKey next, TimeSpan activateIn)
    {
        var o = options.CurrentValue;
        var old = ring.Current;
        ring.Publish(next);
        var retireIn = activateIn + o.Tokens.Lifetime + o.Tokens.ClockSkew;
        GatewayLog.SigningKeyRotated(_logger, next.Kid, old.Kid, activateIn);
        _ = LaterAsync(activateIn, () =>
        {
            ring.Activate(next);
            GatewayLog.SigningKeyActivated(_logger, next.Kid);
        });
        _ = LaterAsync(retireIn, () => ring.Retire(old.Kid));
    }

    private async Task LaterAsync(TimeSpan delay, Action action)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time);
        }

        action();
    }
}
