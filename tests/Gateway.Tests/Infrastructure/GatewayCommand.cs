using System.Diagnostics;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// Runs the built <c>gateway</c> as an operator does, <c>dotnet gateway.dll ARGS</c> in a folder of the test's own,
/// and returns its exit code, standard output and standard error. Standard input is open and empty unless given:
/// a command that waited on it would hang, and time out here.
/// </summary>
internal static class GatewayCommand
{
    public sealed record Result(int Exit, string Output, string Error)
    {
        /// <summary>The lines of standard error, without the empty ones.</summary>
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {Exit}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public static Task<Result> RunAsync(string workingDirectory, string? input, params string[] args) =>
        RunProgramAsync("gateway.dll", workingDirectory, input, args);

    /// <summary>Runs another program of the repository built beside the tests (<c>agent-sim.dll</c>) the same way.</summary>
    public static async Task<Result> RunProgramAsync(string program, string workingDirectory, string? input, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        args.ToList().ForEach(start.ArgumentList.Add);
        // The test host's own settings must not reach the gateway: it reads SMPGW_ variables.
        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("SMPGW_", StringComparison.Ordinal)))
        {
            start.Environment.Remove(name);
        }

        // The machine's inotify instances (128 for every test run at once) are for the in-process hosts: the
        // short-lived processes here poll instead of watching.
        start.Environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end within 60 s; stderr: {await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
