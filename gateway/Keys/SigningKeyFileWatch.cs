using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Keys;

/// <summary>
/// Keeps a running Issuer's keys in step with its key files, so that <c>gateway keys rotate</c> and
/// <c>retire</c> (another process) take effect without a restart. The files are looked at every
/// <see cref="Period"/>. A signing key new on disk is published at once and signs after
/// <c>Gateway:Tokens:RotationLead</c>, as an in-process rotation; a published key that no file holds any more
/// is retired (its tokens refused: <c>unknown-key</c>). A file being written, or holding no usable key, leaves
/// the keys in memory as they are and is read again at the next look.
/// </summary>
internal sealed class SigningKeyFileWatch(
    ServerKeyRing ring, SigningKeyRotation rotation, IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.ServerKeys);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var files = new SigningKeyFiles(options.CurrentValue);
        var seen = Stamp.Of(files);
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = Stamp.Of(files);
            if (now != seen && TryApply(files))
            {
                seen = now;
            }
        }
    }

    private bool TryApply(SigningKeyFiles files)
    {
        ServerKey current, previous;
        try
        {
            current = new ServerKey(SigningKeyLoader.Read(files.Current, "Gateway:Tokens:SigningKeyFile"), canSign: true);
            previous = files.Generated && File.Exists(files.Previous)
                ? new ServerKey(SigningKeyLoader.Read(files.Previous, "Gateway:DataDirectory"), canSign: false)
                : current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            GatewayLog.KeyFileUnreadable(_logger, files.Current, e.Message);
            return false;
        }

        if (!ring.TryGet(current.Kid, out _))
        {
            GatewayLog.KeyFileChanged(_logger, current.ToString(), files.Current);
            rotation.Adopt(current, options.CurrentValue.Tokens.RotationLead);
        }

        // The key signing now, the one on disk (maybe still in its lead) and the previous one stay; any other went.
        foreach (var key in ring.Published.ToList())
        {
            if (key != ring.Current && key.Kid != current.Kid && key.Kid != previous.Kid)
            {
                ring.Retire(key.Kid);
                GatewayLog.KeyRetiredOnDisk(_logger, key.Kid);
            }
        }

        return true;
    }

    /// <summary>What a look at the files compares: each file's presence, time of last write and length.</summary>
    private readonly record struct Stamp(DateTime CurrentWritten, long CurrentLength, DateTime PreviousWritten, long PreviousLength)
    {
        public static Stamp Of(SigningKeyFiles files)
        {
            var current = new FileInfo(files.Current);
            var previous = new FileInfo(files.Previous);
            return new Stamp(
                current.Exists ? current.LastWriteTimeUtc : default, current.Exists ? current.Length : -1,
                previous.Exists ? previous.LastWriteTimeUtc : default, previous.Exists ? previous.Length : -1);
        }
    }
}
