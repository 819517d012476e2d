using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;

namespace Smp.Gateway.Keys;

/// <summary>
/// Keeps a running Issuer's keys in step with its key files, so that <c>gateway keys rotate</c> and
/// <c>retire</c> (another process) take effect without a restart (<see cref="SigningKeyRotation.Follow"/>).
/// The files are looked at every <see cref="Period"/>, and a change is taken once two looks in a row agree:
/// by then a rotation's writes and moves are over. A change that cannot be read leaves the keys in use as
/// they are, with one warning, and is read again at the next look.
/// </summary>
internal sealed class SigningKeyFileWatch(SigningKeyRotation rotation, IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.ServerKeys);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start: the first look reads and parses the key files.
        await Task.Yield();
        var files = new SigningKeyFiles(options.CurrentValue);
        string current = files.Current, previous = files.Previous;
        var applied = Stamp.Of(current, previous);
        Stamp last = applied, warned = default;
        // The keys the files held at the last change taken: the ones the loader read at start.
        string[] held = TryRead(files, out var atStart, out _) ? atStart.Kids : [];
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = Stamp.Of(current, previous);
            if (now != applied && now == last)
            {
                if (TryRead(files, out var keys, out string problem))
                {
                    // With Gateway:Tokens:SigningKeyFile the replaced key is not "retired": its tokens stay valid
                    // until the rotation's own timer, as no previous key file keeps it.
                    rotation.Follow(keys.Current, current, files.Generated ? held.Except(keys.Kids) : []);
                    held = keys.Kids;
                    applied = now;
                }
                else if (now != warned)
                {
                    GatewayLog.KeyFileUnreadable(_logger, current, problem);
                    warned = now;
                }
            }

            last = now;
        }
    }

    private static bool TryRead(SigningKeyFiles files, out OnDisk keys, out string problem)
    {
        problem = string.Empty;
        try
        {
            var signing = new ServerKey(SigningKeyLoader.Read(files.Current, "Gateway:Tokens:SigningKeyFile"), canSign: true);
            string? previousKid = files.ReadPrevious()?.Kid;
            keys = new OnDisk(signing, previousKid is null ? [signing.Kid] : [signing.Kid, previousKid]);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            keys = default;
            problem = e.Message;
            return false;
        }
    }

    private readonly record struct OnDisk(ServerKey Current, string[] Kids);

    /// <summary>What a look at the files compares: each file's time of last write and length (-1: absent).</summary>
    private readonly record struct Stamp(DateTime CurrentWritten, long CurrentLength, DateTime PreviousWritten, long PreviousLength)
    {
        public static Stamp Of(string current, string previous)
        {
            try
            {
                var c = new FileInfo(current);
                var p = new FileInfo(previous);
                return new Stamp(
                    c.Exists ? c.LastWriteTimeUtc : default, c.Exists ? c.Length : -1,
                    p.Exists ? p.LastWriteTimeUtc : default, p.Exists ? p.Length : -1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder that cannot be read looks like no files: nothing is followed until it can.
                return new Stamp(default, -2, default, -2);
            }
        }
    }
}
