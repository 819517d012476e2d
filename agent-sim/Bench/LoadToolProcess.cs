using System.Diagnostics;

namespace Smp.AgentSim.Bench;

/// <summary>
/// An outside load generator (wrk, h2load) run once: its output read whole, killed with its children if it has not
/// exited 30 s after its own duration or when the run is cancelled.
/// </summary>
internal static class LoadToolProcess
{
    /// <summary>Runs <paramref name="executable"/> for about <paramref name="seconds"/>; its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string executable, IEnumerable<string> arguments, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
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

        return (process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false));
    }
}
