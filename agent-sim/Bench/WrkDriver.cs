using System.Globalization;

namespace Smp.AgentSim.Bench;

/// <summary>
/// Runs wrk (Debian package <c>wrk</c>) against one target: one thread, a fixed number of
/// connections, a fixed duration, loopback only. wrk runs outside this process so that the load
/// generator is the same small C program for every target.
/// </summary>
internal sealed class WrkDriver(string workFolder, int connections) : IBenchDriver
{
    public const string Executable = "wrk";

    private int _scripts;

    /// <summary>The full path of wrk on PATH, or null when it is not installed.</summary>
    public static string? Locate() => ExecutableSearch.Find(Executable);

    public async Task<WrkResult> RunAsync(BenchTarget target, string? proofFile, int seconds, CancellationToken cancellationToken)
    {
        if (!target.Origin.IsLoopback)
        {
            throw new InvalidOperationException($"Target {target.Name} is not on loopback.");
        }

        string script = Path.Combine(workFolder, $"wrk-{Interlocked.Increment(ref _scripts)}-{target.Name}.lua");
        await File.WriteAllTextAsync(script, WrkScript.Generate(target, proofFile, connections), cancellationToken).ConfigureAwait(false);
        (int exitCode, string output, string errors) = await LoadToolProcess.RunAsync(Executable, Arguments(target, script, seconds), seconds, cancellationToken).ConfigureAwait(false);
        return WrkResult.Parse(output)
            ?? throw new InvalidOperationException($"wrk exited with {exitCode} and no result for {target.Name}: {errors.Trim()}");
    }

    internal IReadOnlyList<string> Arguments(BenchTarget target, string script, int seconds) =>
    [
        "-t1",
        "-c" + connections.ToString(CultureInfo.InvariantCulture),
        "-d" + seconds.ToString(CultureInfo.InvariantCulture) + "s",
        "--timeout", "5s",
        "-s", script,
        target.Url.ToString(),
    ];
}
