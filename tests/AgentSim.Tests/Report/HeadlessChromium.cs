using System.Diagnostics;

namespace Smp.AgentSim.Tests.Report;

/// <summary>
/// Debian's <c>chromium</c>, headless, one process per call with a new empty profile and no
/// background networking. Missing, it fails the test: <c>.ci/run</c> installs it.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
    ];

    /// <summary>The page's DOM after its scripts ran.</summary>
    public static Task<string> DumpDomAsync(string htmlFile) => RunAsync(["--dump-dom", FileUrl(htmlFile)]);

    public static async Task ScreenshotAsync(string htmlFile, string pngFile, int width, int height)
    {
        await RunAsync([$"--screenshot={pngFile}", $"--window-size={width},{height}", FileUrl(htmlFile)]);
        Assert.True(File.Exists(pngFile), $"chromium wrote no screenshot to {pngFile}");
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        string profile = Directory.CreateTempSubdirectory("agent-sim-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Executable())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in Flags.Append($"--user-data-dir={profile}").Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s");
            }

            string stdout = await output;
            string stderr = await errors;
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr}");
            return stdout;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static string Executable()
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(folder => Path.Combine(folder, "chromium"))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null,
            "chromium is not installed: the HTML report tests open the page in headless Chromium. "
            + "Install Debian's package (apt-get install --no-install-recommends chromium); .ci/run does.");
        return found!;
    }

    private static string FileUrl(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
