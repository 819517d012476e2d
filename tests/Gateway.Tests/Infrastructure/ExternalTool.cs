using System.ComponentModel;
using System.Diagnostics;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// Runs a command-line tool (samba-tool, kinit, klist, curl) to its end with the environment the caller gives on top
/// of the test's own, never through a shell; its standard output back, or an exception naming the command with what
/// it wrote.
/// </summary>
internal static class ExternalTool
{
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string>? environment, string? input, params string[] command)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (string a in command[1..])
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{command[0]} was not found: install samba samba-ad-provision samba-dsdb-modules winbind krb5-user ldb-tools smbclient, as .ci/run does.", e);
        }

        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            var error = process.StandardError.ReadToEndAsync();
            string output = await process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{string.Join(' ', command[..Math.Min(3, command.Length)])} failed ({process.ExitCode}): {await error}{output}");
            }

            return output;
        }
    }
}
