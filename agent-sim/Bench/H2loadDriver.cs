using System.Globalization;

namespace Smp.AgentSim.Bench;

/// <summary>
/// h2load (Debian package <c>nghttp2-client</c>) against a target that needs no proof: the same connections and
/// streams as <see cref="H2Driver"/>, one thread, a fixed duration, loopback only. Measured beside the driver on
/// plain YARP, it shows whether the driver, in C# and sharing the cores, holds the servers back.
/// </summary>
internal sealed class H2loadDriver(int connections, int streams) : IBenchDriver
{
    public const string Executable = "h2load";

    /// <summary>The full path of h2load on PATH, or null when it is not installed.</summary>
    public static string? Locate() => ExecutableSearch.Find(Executable);

    public async Task<WrkResult> RunAsync(BenchTarget target, string? proofFile, int seconds, CancellationToken cancellationToken)
    {
        if (!target.Origin.IsLoopback || target.Auth != BenchAuth.None)
        {
            throw new InvalidOperationException($"Target {target.Name}: h2load measures only a target on loopback that needs no proof.");
        }

        (int exitCode, string output, string errors) = await LoadToolProcess.RunAsync(Executable, Arguments(target, seconds), seconds, cancellationToken).ConfigureAwait(false);
        return Parse(output)
            ?? throw new InvalidOperationException($"h2load exited with {exitCode} and no result for {target.Name}: {errors.Trim()} {output.Trim()}");
    }

    internal IReadOnlyList<string> Arguments(BenchTarget target, int seconds) =>
    [
        "-t1",
        "-c" + connections.ToString(CultureInfo.InvariantCulture),
        "-m" + streams.ToString(CultureInfo.InvariantCulture),
        "-D", seconds.ToString(CultureInfo.InvariantCulture),
        "-H", "X-SMP-Identity: _SMP_IUSR",
        "-H", "X-SMP-Auth: Token",
        target.Url.ToString(),
    ];

    /// <summary>
    /// Reads h2load's summary (<c>finished in 3.00s, ...</c>, <c>requests: ... done, ... errored, ... timeout</c>,
    /// <c>status codes: ...</c>) as wrk's figures; h2load gives no median, so the latencies are 0. Null without one.
    /// </summary>
    internal static WrkResult? Parse(string output)
    {
        double? seconds = null;
        long? done = null;
        long socketErrors = 0, statusErrors = 0;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("finished in ", StringComparison.Ordinal))
            {
                string figure = line["finished in ".Length..].Split(',')[0].Trim();
                seconds = figure.EndsWith("ms", StringComparison.Ordinal) ? Number(figure[..^2]) / 1000
                    : figure.EndsWith('s') ? Number(figure[..^1]) : null;
            }
            else if (line.StartsWith("requests:", StringComparison.Ordinal))
            {
                done = Count(line, "done");
                socketErrors = (Count(line, "errored") ?? 0) + (Count(line, "timeout") ?? 0);
            }
            else if (line.StartsWith("status codes:", StringComparison.Ordinal))
            {
                statusErrors = (Count(line, "4xx") ?? 0) + (Count(line, "5xx") ?? 0);
            }
        }

        return seconds is { } s && done is { } d
            ? new WrkResult(d, (long)(s * 1_000_000), statusErrors, socketErrors, 0, 0, 0)
            : null;
    }

    /// <summary>The number before <paramref name="name"/> in a line of <c>N name, N name, ...</c> items.</summary>
    private static long? Count(string line, string name)
    {
        foreach (string item in line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(','))
        {
            string[] words = item.Trim().Split(' ');
            if (words.Length == 2 && words[1] == name && long.TryParse(words[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            {
                return value;
            }
        }

        return null;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;
}
