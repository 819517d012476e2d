using System.Diagnostics;
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
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in Arguments(target, script, seconds))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text = await output.ConfigureAwait(false);
        return WrkResult.Parse(text)
            ?? throw new InvalidOperationException($"wrk exited with {process.ExitCode} and no result for {target.Name}: {(await errors.ConfigureAwait(false)).Trim()}");
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
