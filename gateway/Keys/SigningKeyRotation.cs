using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Keys;

/// <summary>
/// Rotates the Issuer's signing key without interrupting anyone (§3): the new key is published at once
/// and signs only after <c>Gateway:Tokens:RotationLead</c>, by which time every Site has fetched it; the
/// old key stays published until every token it signed has expired. With the generated key file, the new
/// key replaces it on disk and the old one is kept beside it (<c>signing-key.previous.pem</c>) for a restart.
/// A rotation written by another process (<c>gateway keys</c>) reaches this one through <see cref="Follow"/>.
/// One lock orders both, so an in-process rotation and a look at its own files never cross.
/// </summary>
internal sealed class SigningKeyRotation(ServerKeyRing ring, IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    public const string PreviousKeyFileName = "signing-key.previous.pem";

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.ServerKeys);
    private readonly Lock _gate = new();

    // Published and waiting for its lead to end: a newer rotation supersedes it before it signs anything.
    private ServerKey? _pending;

    // Retired on disk while it still signed here: it goes when the pending key takes over.
    private string? _retireOnActivation;

    /// <summary>Returns the new key's kid once it is published; it signs from <paramref name="lead"/> (default the configured lead) on.</summary>
    public string Rotate(TimeSpan? lead = null)
    {
        var o = options.CurrentValue;
        var rsa = RSA.Create(2048);
        var next = new ServerKey(rsa, canSign: true);
        lock (_gate)
        {
            // Published before it is on disk, so that a look at the files finds it known.
            Adopt(next, lead ?? o.Tokens.RotationLead);
            var files = new SigningKeyFiles(o);
            if (files.Generated)
            {
                string written = files.Current + ".new";
                File.Delete(written);
                SigningKeyLoader.WriteOwnerOnly(written, rsa.ExportPkcs8PrivateKeyPem());
                File.Delete(files.Previous);
                File.Move(files.Current, files.Previous);
                File.Move(written, files.Current);
            }
        }

        return next.Kid;
    }

    /// <summary>
    /// Publishes <paramref name="next"/> now; it signs from <paramref name="activateIn"/> on, and the key signing
    /// until then stays published until its tokens have expired. A key still waiting for its lead is dropped:
    /// it never signed.
    /// </summary>
    public void Adopt(ServerKey next, TimeSpan activateIn)
    {
        lock (_gate)
        {
            var o = options.CurrentValue;
            var old = ring.Current;
            if (_pending is { } superseded)
            {
                ring.Retire(superseded.Kid);
            }

            _pending = next;
            ring.Publish(next);
            var retireIn = activateIn + o.Tokens.Lifetime + o.Tokens.ClockSkew;
            GatewayLog.SigningKeyRotated(_logger, next.Kid, old.Kid, activateIn);
            _ = LaterAsync(activateIn, () => Activate(next));
            _ = LaterAsync(retireIn, () => ring.Retire(old.Kid));
        }
    }

    /// <summary>
    /// Brings the keys in line with key files another process changed: a signing key new on disk is adopted
    /// (it signs after the lead), and the keys in <paramref name="removed"/> (a file held them, none does now:
    /// <c>gateway keys retire</c>) go at once, or, for the key still signing here, when the new one takes over.
    /// Keys this process published itself are left to their own timers.
    /// </summary>
    public void Follow(ServerKey onDisk, string path, IEnumerable<string> removed)
    {
        lock (_gate)
        {
            if (!ring.TryGet(onDisk.Kid, out _))
            {
                GatewayLog.KeyFileChanged(_logger, onDisk.ToString(), path);
                Adopt(onDisk, options.CurrentValue.Tokens.RotationLead);
            }

            foreach (string kid in removed)
            {
                if (kid == onDisk.Kid || !ring.TryGet(kid, out var key))
                {
                    continue;
                }

                if (key == ring.Current)
                {
                    _retireOnActivation = kid;
                    continue;
                }

                ring.Retire(kid);
                GatewayLog.KeyRetiredOnDisk(_logger, kid);
            }
        }
    }

    private void Activate(ServerKey next)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_pending, next))
            {
                return;
            }

            var old = ring.Current;
            _pending = null;
            ring.Activate(next);
            GatewayLog.SigningKeyActivated(_logger, next.Kid);
            if (_retireOnActivation == old.Kid)
            {
                _retireOnActivation = null;
                ring.Retire(old.Kid);
                GatewayLog.KeyRetiredOnDisk(_logger, old.Kid);
            }
        }
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
